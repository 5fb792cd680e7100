"""The stack the owners tests (issue 12) share: accounts by peek-admin and by open registration.

Failed logins are limited per account as by default, but per address (every test client is
127.0.0.1) so high that one test's failures never lock another's logins; the per-address limit has
a stack of its own (test_login_limits.py)."""
import pytest

from models import TIME_LIMIT
from stack import Stack


@pytest.fixture(scope="session")
def owners_stack():
    stack = Stack(registration="open", login_failures_per_address=100_000).up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def models_stack():
    """The stack of the models tests (issue 13): a short run time limit, so that an endless loop
    costs seconds."""
    stack = Stack(model_time_limit_seconds=TIME_LIMIT).up()
    yield stack
    stack.destroy()
