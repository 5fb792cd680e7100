"""Fixtures the Python suites share: the real stack, started once per test session."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "IntegrationTests"))

from stack import Stack  # noqa: E402


@pytest.fixture(scope="session")
def stack():
    """The whole stack (nginx serving static/ from the checkout, pools, workers) on a free port."""
    stack = Stack().up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def queue_only():
    """A stack without a worker: uploads stay queued until a test drains or changes them."""
    stack = Stack(workers=0).up()
    yield stack
    stack.destroy()
