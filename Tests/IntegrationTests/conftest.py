import pytest

from stack import Stack


@pytest.fixture(scope="session")
def queue_only():
    """A stack without a worker: uploads stay queued until a test drains them."""
    stack = Stack(workers=0).up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def stack():
    """The whole stack, worker included."""
    stack = Stack().up()
    yield stack
    stack.destroy()
