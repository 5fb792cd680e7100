"""Secrets at rest (SPEC §10, issue 12): whoever reads the database file — a backup, a stolen disk —
finds no session, API, share, unlock or delete token and no password in clear; passwords are
Argon2id hashes. The logs hold none either: nginx's access log writes a share link's token as TOKEN."""
import time

import images
from owners import Client, album_with_photos, unique_name


def database_bytes(stack):
    """The database as it is on disk: the main file, its write-ahead log and shared memory."""
    return b"".join(path.read_bytes() for path in sorted(stack.data_dir.glob("peek.sqlite*")) if path.is_file())


def test_no_secret_is_stored_in_clear_and_passwords_are_argon2id(owners_stack):
    secrets = {}
    admin_name, secrets["admin-made password"] = unique_name("at-rest"), "Correct-Horse-Battery-Staple-1"
    owners_stack.add_user(admin_name, secrets["admin-made password"])
    registered_name, secrets["registered password"] = unique_name("at-rest"), "Tr0ub4dor&3-registered"
    response = Client(owners_stack).post("/api/users", json={"username": registered_name,
                                                             "password": secrets["registered password"]})
    assert response.status_code == 201, response.text

    client = Client(owners_stack).login(admin_name, secrets["admin-made password"])
    secrets["session token"], secrets["csrf token"] = client.session_token, client.csrf
    _, token = client.api_client("at rest")
    secrets["api token"] = token["token"]
    album, _ = album_with_photos(client, [("rest.png", images.numbered(1001))])
    secrets["share password"] = "Share-Password-At-Rest-9"
    share = client.new_share(album["id"], password=secrets["share password"])
    secrets["share token"] = share["token"]
    holder = Client(owners_stack)
    assert holder.unlock(share["token"], secrets["share password"]).status_code == 204
    secrets["unlock token"] = holder.http.cookies.get("peek_unlock")
    upload = owners_stack.upload(images.numbered(1002))
    assert upload.status_code == 202, upload.text
    secrets["delete token"] = upload.json()["delete_token"]
    registered = Client(owners_stack).login(registered_name, secrets["registered password"])
    secrets["second session token"] = registered.session_token
    changed = "Share-Password-Changed-10"
    client.change_share(album["id"], share["id"], password=changed)
    secrets["changed share password"] = changed

    assert all(isinstance(value, str) and len(value) >= 16 for value in secrets.values()), secrets
    stored = database_bytes(owners_stack)
    for name, value in secrets.items():
        assert value.encode() not in stored, f"the {name} is in the database file in clear"
        # Nor without the prefix that says what it is (peek_…).
        assert value.removeprefix("peek_").encode() not in stored, f"the {name} is in the database file"

    with owners_stack.database() as db:
        hashes = [row[0] for row in db.execute("SELECT password_hash FROM users WHERE username IN (?, ?)",
                                               (admin_name, registered_name))]
        share_hash = db.execute("SELECT password_hash FROM shares WHERE id = ?", (share["id"],)).fetchone()[0]
    assert len(hashes) == 2 and len(set(hashes)) == 2
    for stored_hash in [*hashes, share_hash]:
        assert stored_hash.startswith("$argon2id$"), stored_hash[:20]

    time.sleep(2.5)  # nginx flushes its access log every 2 s; the functions write at once
    owners_stack.get("/api/health")
    for log in (owners_stack.data_dir / "log").iterdir():
        text = log.read_text(errors="replace")
        for name, value in secrets.items():
            assert value not in text, f"the {name} is in {log.name}"
    access = (owners_stack.data_dir / "log" / "nginx-access.log").read_text(errors="replace")
    assert "/api/shared/TOKEN" in access
