import pytest

from contract_support import Stack, ensure_venv, png, wait_until_ended


@pytest.fixture(scope="session")
def contract_venv():
    """The virtual environment with schemathesis and openapi-spec-validator."""
    return ensure_venv()


@pytest.fixture(scope="session")
def contract_stack():
    """The whole stack (worker included) on a free loopback port."""
    stack = Stack().up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def seeded_ids(contract_stack):
    """Real ids in each final state, so generated requests for one id reach real images."""
    completed = contract_stack.accepted_id(png(48, 32), "seed.png")
    failed = contract_stack.accepted_id(png(40, 30, corrupt=True), "broken.png")
    ended = {"completed": wait_until_ended(contract_stack, completed),
             "failed": wait_until_ended(contract_stack, failed)}
    assert ended["completed"]["status"] == "completed", ended
    assert ended["failed"]["status"] == "failed", ended
    return {"completed": completed, "failed": failed}
