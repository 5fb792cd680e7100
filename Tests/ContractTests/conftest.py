import pytest
import requests

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


@pytest.fixture(scope="session")
def owners(contract_stack):
    """Two owners (made with peek-admin) with an API token each; the first has an album with an
    analysed photo, a live share link and a password one; the second an album of her own."""
    seeds = {}
    for name in ("alice", "mallory"):
        password = f"{name}'s contract password"
        contract_stack.add_user(name, password)
        session = requests.Session()
        login = session.post(contract_stack.url("/api/session"), json={"username": name, "password": password}, timeout=30)
        assert login.status_code == 200, login.text
        made = session.post(contract_stack.url("/api/tokens"), json={"name": "schemathesis"},
                            headers={"X-CSRF-Token": login.json()["csrf_token"]}, timeout=30)
        assert made.status_code == 201, made.text
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {made.json()['token']}"
        album = api.post(contract_stack.url("/api/albums"), json={"title": f"{name}'s album"}, timeout=30)
        assert album.status_code == 201, album.text
        seeds[name] = {"token": made.json()["token"], "token_id": made.json()["id"], "album": album.json()["id"],
                       "api": api}
    alice = seeds["alice"]
    upload = alice["api"].post(contract_stack.url(f"/api/albums/{alice['album']}/photos"),
                               files=[("image", ("seed.png", png(40, 40), "image/png"))], timeout=60)
    assert upload.status_code == 202, upload.text
    alice["photo"] = upload.json()["photos"][0]["image_id"]
    ended = wait_until_ended(contract_stack, alice["photo"], session=alice["api"])
    assert ended["status"] == "completed", ended
    for kind, body in (("share", {}), ("locked_share", {"password": "a contract share password"})):
        share = alice["api"].post(contract_stack.url(f"/api/albums/{alice['album']}/shares"), json=body, timeout=30)
        assert share.status_code == 201, share.text
        alice[kind], alice[f"{kind}_id"] = share.json()["token"], share.json()["id"]
    return seeds
