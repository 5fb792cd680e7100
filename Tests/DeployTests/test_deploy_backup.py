"""`peek-admin backup` against a live stack with uploads in flight, the copy checked on its own
(integrity, rows, every named blob present and intact), then restored and served by a new stack."""
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time

import pytest
import requests

from deploy_support import ADMIN, DevStack, png, require_release_build, run


class Uploader(threading.Thread):
    """Uploads distinct images until stopped, recording when each 202 arrived."""

    def __init__(self, stack, first_seed):
        super().__init__(daemon=True)
        self.stack = stack
        self.seed = first_seed
        self.stop = threading.Event()
        self.accepted = []  # (time the 202 arrived, id, sha256 of the bytes)
        self.errors = []

    def run(self):
        while not self.stop.is_set():
            self.seed += 1
            data = png(64 + self.seed % 128, 48 + self.seed % 96, self.seed)
            try:
                response = self.stack.upload(data)
            except requests.RequestException as error:
                self.errors.append(repr(error))
                continue
            if response.status_code == 202:
                self.accepted.append((time.time(), response.json()["id"], hashlib.sha256(data).hexdigest()))
            elif response.status_code == 429:  # nginx's per-client upload rate; slow down
                time.sleep(0.2)
            else:
                self.errors.append(f"{response.status_code} {response.text}")
            time.sleep(0.03)


def admin(*arguments, check=True):
    return run([ADMIN, *arguments], check=check, env={"SWIFT_BACKTRACE": "enable=no"})


def database_rows(directory):
    """The backup opened with Python's own sqlite3, not Peek's code."""
    connection = sqlite3.connect(f"file:{directory}/peek.sqlite?mode=ro", uri=True)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        images = connection.execute("SELECT id, blob_sha256, annotated_sha256, status FROM images").fetchall()
        jobs = connection.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()
    return integrity, images, jobs, mode


def blob_path(directory, digest):
    return os.path.join(directory, "blobs", digest[:2], digest[2:4], digest)


def sha256_of(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.fixture(scope="module")
def live_backup(tmp_path_factory):
    """A stack taking uploads from two clients; a backup taken in the middle of them."""
    require_release_build()
    base = tmp_path_factory.mktemp("backup")
    stack = DevStack(base / "data").up()
    uploaders = [Uploader(stack, 1_000_000 * (index + 1)) for index in range(2)]
    try:
        for uploader in uploaders:
            uploader.start()
        deadline = time.time() + 30
        while sum(len(u.accepted) for u in uploaders) < 20 and time.time() < deadline:
            time.sleep(0.05)
        started = time.time()
        backup = admin("backup", str(base / "backup"), "--data-dir", stack.data_dir)
        finished = time.time()
        time.sleep(1.0)  # uploads go on after the snapshot: they must not disturb the copy
    finally:
        for uploader in uploaders:
            uploader.stop.set()
        for uploader in uploaders:
            uploader.join(timeout=30)
        stack.down()
    accepted = sorted(entry for uploader in uploaders for entry in uploader.accepted)
    errors = [error for uploader in uploaders for error in uploader.errors]
    return {"base": base, "data": stack.data_dir, "backup": str(base / "backup"), "report": json.loads(backup.stdout),
            "started": started, "finished": finished, "accepted": accepted, "errors": errors}


def test_uploads_were_accepted_before_during_and_after_the_backup(live_backup):
    assert live_backup["errors"] == []
    times = [when for when, _, _ in live_backup["accepted"]]
    assert sum(1 for when in times if when < live_backup["started"]) >= 20
    assert sum(1 for when in times if when > live_backup["finished"]) >= 1


def test_the_backup_reports_itself_consistent(live_backup):
    report = live_backup["report"]
    assert report["ok"] is True
    assert report["check"]["integrity_check"] == "ok"
    assert report["check"]["blobs"]["missing_count"] == 0
    saved = json.load(open(os.path.join(live_backup["backup"], "backup.json")))
    assert saved["check"]["rows"] == report["check"]["rows"]
    checked = json.loads(admin("check", live_backup["backup"]).stdout)
    assert checked["ok"] is True and checked["rows"]["images"] >= 20


def test_the_copy_opens_on_its_own_with_every_named_blob_present_and_intact(live_backup):
    integrity, images, jobs, mode = database_rows(live_backup["backup"])
    assert integrity == [("ok",)]
    assert mode == "delete", "the copy is one self-contained file, no -wal beside it"
    assert not os.path.exists(os.path.join(live_backup["backup"], "peek.sqlite-wal"))
    assert len(images) >= 20 and jobs == len(images)
    for _, original, annotated, _ in images:
        for digest in filter(None, [original, annotated]):
            path = blob_path(live_backup["backup"], digest)
            assert os.path.isfile(path), f"blob {digest} is named but missing"
            assert sha256_of(path) == digest


def test_every_upload_answered_before_the_backup_started_is_in_it(live_backup):
    _, images, _, _ = database_rows(live_backup["backup"])
    in_backup = {image_id: digest for image_id, digest, _, _ in images}
    before = [(image_id, digest) for when, image_id, digest in live_backup["accepted"] if when < live_backup["started"]]
    for image_id, digest in before:
        assert in_backup.get(image_id) == digest, f"{image_id} was accepted before the backup but is not in it"
    # And nothing is in it that the service never accepted.
    accepted_ids = {image_id for _, image_id, _ in live_backup["accepted"]}
    assert set(in_backup) <= accepted_ids


def test_the_live_data_directory_is_still_consistent_after_the_backup(live_backup):
    report = json.loads(admin("check", "--data-dir", live_backup["data"]).stdout)
    assert report["ok"] is True
    assert report["rows"]["images"] == len(live_backup["accepted"])


def test_the_restored_backup_is_served_by_a_new_stack(live_backup):
    target = live_backup["base"] / "restored"
    report = json.loads(admin("restore", live_backup["backup"], "--data-dir", str(target)).stdout)
    assert report["ok"] is True and report["blobs_copied"] == report["check"]["blobs"]["files"]
    _, images, _, _ = database_rows(live_backup["backup"])
    stack = DevStack(target).up()
    try:
        for image_id, digest, _, _ in images:
            result = requests.get(f"{stack.url}/api/results/{image_id}", timeout=10)
            assert result.status_code in (200, 202), result.text
            assert result.json()["id"] == image_id
            original = requests.get(f"{stack.url}/api/image/{image_id}/original", timeout=10)
            assert original.status_code == 200
            assert hashlib.sha256(original.content).hexdigest() == digest
    finally:
        stack.down()


def test_restore_refuses_to_overwrite_a_database_and_backup_refuses_a_used_directory(live_backup):
    result = admin("restore", live_backup["backup"], "--data-dir", live_backup["data"], check=False)
    assert result.returncode != 0 and "--force" in result.stderr
    result = admin("backup", live_backup["backup"], "--data-dir", live_backup["data"], check=False)
    assert result.returncode != 0 and "is not empty" in result.stderr


def test_a_backup_missing_a_blob_fails_its_check_and_is_not_restored(live_backup, tmp_path):
    damaged = tmp_path / "damaged"
    shutil.copytree(live_backup["backup"], damaged)
    _, images, _, _ = database_rows(damaged)
    os.unlink(blob_path(damaged, images[0][1]))
    result = admin("check", str(damaged), check=False)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["ok"] is False
    assert report["blobs"]["missing"] == [images[0][1]]
    result = admin("restore", str(damaged), "--data-dir", str(tmp_path / "target"), check=False)
    assert result.returncode != 0 and "nothing was restored" in result.stderr
    assert not (tmp_path / "target" / "peek.sqlite").exists()


def test_owners_albums_and_share_links_survive_a_backup_and_restore(tmp_path):
    """The owners' tables travel with the images: after a restore the owner logs in with the same
    password, their album photo is theirs alone, and the share link opens with its password."""
    require_release_build()
    stack = DevStack(tmp_path / "data").up()
    environment = {"PEEK_DATA_DIR": stack.data_dir, "SWIFT_BACKTRACE": "enable=no"}
    try:
        run([ADMIN, "user", "add", "carol"], env=environment, input="carol's password\n")
        owner = requests.Session()
        login = owner.post(f"{stack.url}/api/session", json={"username": "carol", "password": "carol's password"}, timeout=30)
        assert login.status_code == 200, login.text
        owner.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        album = owner.post(f"{stack.url}/api/albums", json={"title": "Kept"}, timeout=10).json()["id"]
        data = png(40, 30, 7)
        photo = owner.post(f"{stack.url}/api/albums/{album}/photos", files={"image": ("kept.png", data, "image/png")},
                           timeout=30).json()["photos"][0]["image_id"]
        share = owner.post(f"{stack.url}/api/albums/{album}/shares", json={"password": "guests only"}, timeout=30).json()
        admin("backup", str(tmp_path / "backup"), "--data-dir", stack.data_dir)
    finally:
        stack.down()
    report = json.loads(admin("check", str(tmp_path / "backup")).stdout)
    for table in ("users", "sessions", "albums", "shares"):
        assert report["rows"][table] >= 1, report["rows"]
    admin("restore", str(tmp_path / "backup"), "--data-dir", str(tmp_path / "restored"))
    restored = DevStack(tmp_path / "restored").up()
    try:
        assert requests.get(f"{restored.url}/api/image/{photo}/original", timeout=10).status_code == 404
        owner = requests.Session()
        assert owner.post(f"{restored.url}/api/session", json={"username": "carol", "password": "carol's password"},
                          timeout=30).status_code == 200
        original = owner.get(f"{restored.url}/api/image/{photo}/original", timeout=10)
        assert original.status_code == 200 and original.content == data
        guest = requests.Session()
        assert guest.get(f"{restored.url}/api/shared/{share['token']}", timeout=10).status_code == 401
        assert guest.post(f"{restored.url}/api/shared/{share['token']}/unlock", json={"password": "guests only"},
                          timeout=30).status_code == 204
        gallery = guest.get(f"{restored.url}/api/shared/{share['token']}", timeout=10)
        assert gallery.status_code == 200 and [p["image_id"] for p in gallery.json()["photos"]] == [photo]
    finally:
        restored.down()
