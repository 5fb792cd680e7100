"""Accounts and credentials through the real stack (SPEC §10, issue 12): registration, the session
cookie, CSRF on cookie-authenticated writes, logout and token revocation that end credentials on
the server, and the administrator's peek-admin user commands."""
import datetime
import time

import pytest

import images
from owners import (CSRF_MISSING, Client, album_with_photos, image_routes, owned_rows, owner, random_id, sha256,
                    unique_name)
from stack import json_error

WRONG_LOGIN = {"error": "wrong username or password"}
NOT_LOGGED_IN = {"error": "not logged in"}


def cookie_attributes(header):
    name_value, *attributes = header.split(";")
    return name_value.strip(), {part.strip().lower() for part in attributes}


def parsed(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def assert_logged_out(client):
    """The client's credentials no longer log it in. (What GET /api/session then says word for word
    is test_get_session_without_login_answers_not_logged_in's.)"""
    for method, path in [("GET", "/api/albums"), ("POST", "/api/albums"), ("GET", "/api/tokens")]:
        message = json_error(client.request(method, path, json={"title": "after logout"}), 401)
        assert message.startswith("log in first"), message
    json_error(client.get("/api/session"), 401)


# Registration

def test_registration_is_closed_by_default(stack):
    with stack.database() as db:
        before = db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    response = Client(stack).post("/api/users", json={"username": "eve", "password": "a long password"})
    assert (response.status_code, response.json()) == (
        403, {"error": "registration is closed; an administrator creates accounts with peek-admin user add"})
    with stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == before


def test_open_registration_creates_an_account_that_can_log_in(owners_stack):
    name = unique_name("joiner")
    response = Client(owners_stack).post("/api/users", json={"username": name, "password": "eight ch"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "username", "created_at"} and body["username"] == name and isinstance(body["id"], int)
    assert Client(owners_stack).login(name, "eight ch").user == {"id": body["id"], "username": name}
    taken = Client(owners_stack).post("/api/users", json={"username": name, "password": "another password"})
    json_error(taken, 409)


@pytest.mark.parametrize("username, password", [
    ("", "a long password"), ("has space", "a long password"), ("x" * 65, "a long password"),
    ("émile", "a long password"), ("../etc", "a long password"), ("short-password", "seven c"),
    ("long-password", "x" * 1025), (None, "a long password"), ("no-password", None), (42, "a long password"),
])
def test_registration_refuses_bad_usernames_and_passwords_with_400_and_stores_nothing(owners_stack, username, password):
    with owners_stack.database() as db:
        before = db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    body = {key: value for key, value in (("username", username), ("password", password)) if value is not None}
    json_error(Client(owners_stack).post("/api/users", json=body), 400)
    with owners_stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == before


# Sessions

@pytest.mark.parametrize("credentials", ["nobody", "unknown cookie", "unknown bearer", "revoked bearer"])
def test_get_session_without_login_answers_not_logged_in(owners_stack, credentials):
    client = Client(owners_stack)
    if credentials == "unknown cookie":
        client.http.headers["Cookie"] = f"peek_session={random_id()}{random_id()}"
    elif credentials == "unknown bearer":
        client = Client(owners_stack, token="peek_" + random_id() + random_id()[:21])
    elif credentials == "revoked bearer":
        holder = owner(owners_stack, "session-probe")
        client, token = holder.api_client()
        assert holder.delete(f"/api/tokens/{token['id']}").status_code == 204
    response = client.get("/api/session")
    assert (response.status_code, response.json()) == (401, NOT_LOGGED_IN)


def test_login_answers_the_user_and_a_csrf_token_and_sets_an_httponly_samesite_cookie(owners_stack):
    name, password = unique_name("login"), "a good password"
    owners_stack.add_user(name, password)
    client = Client(owners_stack)
    response = client.post("/api/session", json={"username": name, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"user", "csrf_token", "expires_at"}
    assert body["user"]["username"] == name and isinstance(body["user"]["id"], int)
    assert isinstance(body["csrf_token"], str) and len(body["csrf_token"]) >= 22
    expires = parsed(body["expires_at"]) - datetime.datetime.now(datetime.timezone.utc)
    assert abs(expires.total_seconds() - 30 * 86400) < 120
    name_value, attributes = cookie_attributes(response.headers["Set-Cookie"])
    assert name_value.startswith("peek_session=") and len(name_value) > len("peek_session=") + 32
    assert {"httponly", "samesite=lax", "path=/", f"max-age={30 * 86400}"} <= attributes, attributes
    assert "secure" not in attributes, "plain HTTP on loopback: no Secure"

    session = client.get("/api/session")
    assert session.status_code == 200 and session.json() == body
    api, _ = Client(owners_stack).login(name, password).api_client()
    bearer = api.get("/api/session")
    assert bearer.status_code == 200
    assert bearer.json()["user"] == body["user"] and bearer.json()["csrf_token"] is None


def test_logout_ends_the_session_on_the_server(owners_stack):
    client = owner(owners_stack, "leaver")
    cookie, csrf = client.session_token, client.csrf
    response = client.delete("/api/session")
    assert response.status_code == 204, response.text
    name_value, attributes = cookie_attributes(response.headers["Set-Cookie"])
    assert name_value.startswith("peek_session=") and "max-age=0" in attributes
    # A copy of the old cookie (and its CSRF token), replayed: the server no longer knows it.
    replay = Client(owners_stack)
    replay.http.cookies.set("peek_session", cookie)
    replay.csrf = csrf
    assert_logged_out(replay)
    with owners_stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM sessions WHERE user_id = ?", (client.user["id"],)).fetchone()[0] == 0


def test_a_new_api_token_is_answered_with_the_contract_s_fields(owners_stack):
    _, token = owner(owners_stack, "token-shape").api_client("ci")
    assert set(token) == {"id", "name", "token", "created_at"} and token["name"] == "ci"
    assert token["token"].startswith("peek_") and len(token["token"]) == 5 + 43


def test_a_revoked_api_token_is_401_at_once(owners_stack):
    client = owner(owners_stack, "revoker")
    api, token = client.api_client("ci")
    assert api.get("/api/albums").status_code == 200
    listed = client.get("/api/tokens").json()["tokens"]
    assert [entry["id"] for entry in listed] == [token["id"]]
    assert set(listed[0]) == {"id", "name", "created_at", "last_used_at"} and listed[0]["last_used_at"] is not None

    assert client.delete(f"/api/tokens/{token['id']}").status_code == 204
    assert_logged_out(api)
    assert client.get("/api/tokens").json()["tokens"] == []
    json_error(client.delete(f"/api/tokens/{token['id']}"), 404)


# CSRF

@pytest.fixture
def csrf_victim(owners_stack):
    client = owner(owners_stack, "csrf")
    album, (image_id,) = album_with_photos(client, [("csrf.png", images.numbered(901))])
    share = client.new_share(album["id"])
    api, token = client.api_client()
    return {"client": client, "api": api, "album": album["id"], "image": image_id, "share": share["id"],
            "token": token["id"]}


def writes(victim):
    album = victim["album"]
    upload = {"files": [("image", ("forged.png", images.numbered(902), "image/png"))]}
    return [
        ("POST", "/api/albums", {"json": {"title": "forged"}}),
        ("PATCH", f"/api/albums/{album}", {"json": {"title": "forged"}}),
        ("POST", f"/api/albums/{album}/photos", upload),
        ("PUT", f"/api/albums/{album}/cover/{victim['image']}", {}),
        ("POST", f"/api/albums/{album}/shares", {"json": {}}),
        ("PATCH", f"/api/albums/{album}/shares/{victim['share']}", {"json": {"revoked": True}}),
        ("DELETE", f"/api/albums/{album}/shares/{victim['share']}", {}),
        ("POST", "/api/tokens", {"json": {"name": "forged"}}),
        ("DELETE", f"/api/tokens/{victim['token']}", {}),
        ("DELETE", f"/api/images/{victim['image']}", {}),
        ("DELETE", f"/api/albums/{album}/photos/{victim['image']}", {}),
        ("DELETE", f"/api/albums/{album}", {}),
        ("DELETE", "/api/session", {}),
    ]


def test_cookie_authenticated_writes_without_the_right_csrf_token_are_403_and_change_nothing(owners_stack, csrf_victim):
    client = csrf_victim["client"]
    other = owner(owners_stack, "csrf-other")
    second_session = Client(owners_stack).login(client.user["username"], client.password)
    before = owned_rows(owners_stack, client.user["id"])
    for header in (None, "", "x" * 43, other.csrf, second_session.csrf, client.csrf.upper(), client.csrf + "x"):
        for method, path, kwargs in writes(csrf_victim):
            headers = {} if header is None else {"X-CSRF-Token": header}
            response = client.request(method, path, csrf=False, headers=headers, **kwargs)
            assert (response.status_code, response.json()) == (403, CSRF_MISSING), (method, path, header, response.text)
    assert owned_rows(owners_stack, client.user["id"]) == before
    assert client.get("/api/session").status_code == 200, "the session is still open"


def test_bearer_authenticated_writes_need_no_csrf_token(owners_stack, csrf_victim):
    api, album, image, share = (csrf_victim[key] for key in ("api", "album", "image", "share"))
    assert api.csrf is None
    upload = {"files": [("image", ("by-curl.png", images.numbered(904), "image/png"))]}
    for method, path, kwargs, status in [
        ("POST", "/api/albums", {"json": {"title": "made by curl"}}, 201),
        ("PATCH", f"/api/albums/{album}", {"json": {"title": "renamed by curl"}}, 200),
        ("POST", f"/api/albums/{album}/photos", upload, 202),
        ("PUT", f"/api/albums/{album}/cover/{image}", {}, 200),
        ("POST", f"/api/albums/{album}/shares", {"json": {}}, 201),
        ("PATCH", f"/api/albums/{album}/shares/{share}", {"json": {"revoked": True}}, 200),
        ("DELETE", f"/api/albums/{album}/shares/{share}", {}, 204),
        ("POST", "/api/tokens", {"json": {"name": "made by curl"}}, 201),
        ("DELETE", f"/api/albums/{album}/photos/{image}", {}, 204),
        ("DELETE", f"/api/albums/{album}", {}, 204),
    ]:
        response = api.request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.text[:300])


def test_the_login_itself_needs_no_csrf_token(owners_stack):
    client = owner(owners_stack, "relogin")
    again = client.post("/api/session", csrf=False, json={"username": client.user["username"],
                                                          "password": client.password})
    assert again.status_code == 200


# peek-admin

def test_peek_admin_passwd_replaces_the_password_and_ends_the_sessions_but_not_the_tokens(owners_stack):
    name, old, new = unique_name("passwd"), "the old password", "the new password"
    owners_stack.add_user(name, old)
    sessions = [Client(owners_stack).login(name, old) for _ in range(2)]
    api, _ = sessions[0].api_client()
    result = owners_stack.admin("user", "passwd", name, input=new + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    response = Client(owners_stack).post("/api/session", json={"username": name, "password": old})
    assert (response.status_code, response.json()) == (401, WRONG_LOGIN)
    for session in sessions:
        assert_logged_out(session)
    assert api.get("/api/albums").status_code == 200, "API tokens stay"
    Client(owners_stack).login(name, new)


def test_peek_admin_user_list_shows_accounts_but_no_hashes(owners_stack):
    name = unique_name("listed")
    owners_stack.add_user(name, "listed password")
    result = owners_stack.admin("user", "list")
    assert result.returncode == 0, result.stderr
    assert name in result.stdout and "$argon2id$" not in result.stdout and "listed password" not in result.stdout


def test_peek_admin_user_add_refuses_a_taken_name_and_keeps_the_old_password(owners_stack):
    name = unique_name("twice")
    owners_stack.add_user(name, "first password")
    result = owners_stack.admin("user", "add", name, input="second password\n")
    assert result.returncode != 0
    Client(owners_stack).login(name, "first password")


def test_peek_admin_user_remove_ends_sessions_and_tokens_and_deletes_albums_photos_and_shares(owners_stack):
    client = owner(owners_stack, "removed")
    data = images.numbered(903)
    album, (image_id,) = album_with_photos(client, [("gone.png", data)])
    share = client.new_share(album["id"])
    api, _ = client.api_client()
    result = owners_stack.admin("user", "remove", client.user["username"])
    assert result.returncode == 0, result.stdout + result.stderr

    assert_logged_out(client)
    assert_logged_out(api)
    response = Client(owners_stack).post("/api/session", json={"username": client.user["username"],
                                                               "password": client.password})
    assert (response.status_code, response.json()) == (401, WRONG_LOGIN)
    shared = Client(owners_stack).get(f"/api/shared/{share['token']}")
    assert shared.status_code == 404
    for path in image_routes(image_id):
        assert Client(owners_stack).get(path).status_code == 404, path
    assert all(rows == [] for rows in owned_rows(owners_stack, client.user["id"]).values())
    with owners_stack.database() as db:
        assert db.execute("SELECT COUNT(*) FROM images WHERE id = ?", (image_id,)).fetchone()[0] == 0
    assert not owners_stack.blob_exists(sha256(data))


def test_peek_admin_passwd_of_an_unknown_user_fails(owners_stack):
    unknown = owners_stack.admin("user", "passwd", unique_name("nobody"), input="whatever password\n")
    assert unknown.returncode != 0 and unknown.stderr.strip()


def test_an_unknown_token_id_is_404(owners_stack):
    client = owner(owners_stack, "tokens")
    json_error(client.delete(f"/api/tokens/{random_id()}"), 404)


def test_a_session_cookie_chosen_by_someone_else_is_never_adopted(owners_stack):
    """Session fixation: a cookie planted before login is replaced by one the server made."""
    name, password = unique_name("fixated"), "fixation password"
    owners_stack.add_user(name, password)
    planted = random_id() + random_id()[:21]
    response = Client(owners_stack).post("/api/session", json={"username": name, "password": password},
                                         headers={"Cookie": f"peek_session={planted}"})
    assert response.status_code == 200, response.text
    issued = response.cookies.get("peek_session")
    assert issued and issued != planted
    stranger = Client(owners_stack)
    assert stranger.get("/api/session", headers={"Cookie": f"peek_session={planted}"}).status_code == 401
    first, again = Client(owners_stack).login(name, password), Client(owners_stack).login(name, password)
    assert again.session_token != first.session_token and again.csrf != first.csrf, "every login is a new session"


def test_an_expired_session_is_refused(owners_stack):
    client = owner(owners_stack, "expired")
    with owners_stack.database() as db:
        db.execute("UPDATE sessions SET expires_at = ? WHERE user_id = ?", (time.time() - 1, client.user["id"]))
    assert_logged_out(client)


@pytest.mark.parametrize("path, field, value", [
    ("/api/tokens", "name", "\u0000"),
    ("/api/tokens", "name", "laptop\u0007"),
    ("/api/albums", "title", "Wedding\u0000party"),
    ("/api/models", "name", "\u001b[31mred"),
])
def test_names_with_control_characters_are_refused_with_400_and_stored_nothing(owners_stack, path, field, value):
    # A NUL came back from SQLite cut short: schemathesis once listed a token named "".
    client = owner(owners_stack, "typist")
    before = client.get(path).json()
    response = client.post(path, json={field: value})
    message = json_error(response, 400)
    assert field in message and "control characters" in message
    assert client.get(path).json() == before
