"""`peek-admin copy-database` (SPEC §12, issue 14): a SQLite installation with accounts, albums,
share links and analysed uploads moves onto PostgreSQL and serves the same answers from it; the
copy can be rerun before the switch and is refused over a database Peek already writes to."""
import json
import subprocess

import pytest

import images
from owners import Client, album_with_photos, owner
from stack import DATABASE, RELEASE, PostgreSQLServer, Stack

pytestmark = [
    pytest.mark.skipif(PostgreSQLServer.binaries() is None, reason="PostgreSQL's server is not installed"),
    pytest.mark.skipif(DATABASE != "sqlite", reason="the copy starts from a SQLite installation: the SQLite run covers it"),
]


def copy(stack, url):
    """peek-admin copy-database as an admin runs it: with the settings of the SQLite installation."""
    env = {key: value for key, value in stack.env.items() if key != "PEEK_DATABASE_URL"}
    result = subprocess.run([str(RELEASE / "peek-admin"), "copy-database", "--to", url], env=env,
                            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def answers(stack, alice, album_id, share_token, image_ids):
    """What the installation says about everything it holds, as its users read it."""
    public = Client(stack)
    return {
        "results": [stack.get(f"/api/results/{image_id}").json() for image_id in image_ids["anonymous"]],
        "album": alice.get(f"/api/albums/{album_id}").json(),
        "photos": alice.photos(album_id),
        "shared": public.get(f"/api/shared/{share_token}").json(),
    }


def test_a_sqlite_installation_moves_onto_postgresql_and_serves_the_same_answers():
    stack = Stack(workers=1).up()
    server = PostgreSQLServer.shared()
    url = server.create_database()
    try:
        alice = owner(stack, "mover")
        album, album_photos = album_with_photos(alice, [("a.jpg", images.sample("messi5.jpg")),
                                                        ("b.jpg", images.sample("fruits.jpg"))])
        share = alice.new_share(album["id"])
        anonymous = [stack.accepted_id(images.numbered(700 + index), f"anon-{index}.jpg") for index in range(3)]
        for image_id in anonymous:
            assert stack.wait_result(image_id).json()["status"] == "completed"
        ids = {"anonymous": anonymous, "album": album_photos}
        before = answers(stack, alice, album["id"], share["token"], ids)

        first, report = copy(stack, url)
        assert first.returncode == 0, first.stderr
        assert report["ok"] and report["engine"] == "postgresql"
        assert report["rows"]["images"] == 5 and report["rows"]["users"] == 1 and report["rows"]["shares"] == 1
        assert report["blobs"]["missing_count"] == 0
        assert "copied images: 5 rows" in first.stderr

        stack.down()
        again, rerun = copy(stack, url)
        assert again.returncode == 0, "rerunning the copy before the switch replaces the first one\n" + again.stderr
        source = json.loads(stack.admin("check").stdout)["rows"]
        assert rerun["rows"] == source, "the rerun copied the source as it is now (the worker left), no row twice"

        stack.env["PEEK_DATABASE_URL"] = stack.database_url = url
        stack.up()
        alice = Client(stack).login(alice.user["username"], alice.password)
        after = answers(stack, alice, album["id"], share["token"], ids)
        assert after == before
        for image_id in album_photos:
            assert alice.get(f"/api/image/{image_id}/original").status_code == 200
        late = stack.accepted_id(images.numbered(799), "after-the-move.jpg")
        assert stack.wait_result(late).json()["status"] == "completed", "the worker claims from PostgreSQL"
        newcomer = owner(stack, "newcomer")
        assert newcomer.user["id"] > alice.user["id"], "identities continue after the copied rows"
        assert newcomer.new_album("Second")["id"]

        refused, _ = copy(stack, url)
        assert refused.returncode != 0
        assert "in use" in refused.stderr and "written since the last copy" in refused.stderr, refused.stderr
        assert stack.get(f"/api/results/{late}").json()["status"] == "completed", "the refused copy changed nothing"
    finally:
        stack.destroy()
        server.drop_database(url)


def test_a_copy_over_a_database_that_is_not_empty_is_refused_and_changes_nothing():
    source = Stack(workers=0).up()
    target = Stack(database_url=PostgreSQLServer.shared().create_database(), workers=0).up()
    try:
        kept = target.accepted_id(images.numbered(801), "kept.jpg")
        source.accepted_id(images.numbered(802), "source.jpg")
        refused, _ = copy(source, target.database_url)
        assert refused.returncode != 0
        assert "not from a copy of" in refused.stderr and "never over one Peek serves from" in refused.stderr
        with target.database() as db:
            assert [row[0] for row in db.execute("SELECT id FROM images")] == [kept]
    finally:
        source.destroy()
        target.destroy()
        PostgreSQLServer.shared().drop_database(target.database_url)


def test_a_copy_from_an_older_schema_names_the_migration_to_run_first():
    stack = Stack(workers=0).up()
    url = PostgreSQLServer.shared().create_database()
    try:
        with stack.database() as db:
            db.execute("DELETE FROM grdb_migrations WHERE identifier = (SELECT MAX(identifier) FROM grdb_migrations)")
            db.commit()
        refused, _ = copy(stack, url)
        assert refused.returncode != 0 and "run peek-admin migrate on it first" in refused.stderr, refused.stderr
    finally:
        stack.destroy()
        PostgreSQLServer.shared().drop_database(url)
