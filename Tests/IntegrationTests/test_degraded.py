"""An unusable data directory or database: health says 503 with the reason, uploads get 503 JSON,
nothing is half written, and the service resumes by itself once the condition clears."""
import os
import sqlite3
import time

import pytest

import images
from stack import Stack, json_error


@pytest.fixture(scope="module")
def degraded():
    stack = Stack(workers=0, busy_timeout_ms=300).up()
    yield stack
    stack.destroy()


def rows(stack):
    with stack.database() as db:
        return db.execute("SELECT COUNT(*) FROM images").fetchone()[0]


def assert_recovers(stack):
    deadline = time.time() + 10
    while stack.get("/api/health").status_code != 200 and time.time() < deadline:
        time.sleep(0.1)
    assert stack.get("/api/health").json()["status"] == "ok"
    assert stack.upload(images.numbered(int(time.time() * 1000) % 10_000)).status_code == 202


def test_unwritable_blob_storage(degraded):
    before = rows(degraded)
    blobs = degraded.data_dir / "blobs"
    os.rename(blobs, degraded.data_dir / "blobs.away")
    blobs.write_text("not a directory")
    try:
        health = degraded.get("/api/health")
        assert health.status_code == 503 and health.json()["status"] == "degraded"
        assert "storage" in health.json()["error"]
        json_error(degraded.upload(images.flat((1, 1, 1))), 503)
        assert rows(degraded) == before
        assert not list((degraded.data_dir / "tmp").iterdir())
    finally:
        blobs.unlink()
        os.rename(degraded.data_dir / "blobs.away", blobs)
    assert_recovers(degraded)


def test_missing_database(degraded):
    database = degraded.data_dir / "peek.sqlite"
    with degraded.database() as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.rename(database, degraded.data_dir / "peek.sqlite.away")
    try:
        health = degraded.get("/api/health")
        assert health.status_code == 503 and health.json()["database"] == "unavailable"
        assert "missing" in health.json()["error"]
        assert "missing" in json_error(degraded.upload(images.flat((2, 2, 2))), 503)
        assert not database.exists()  # no empty database created in its place
    finally:
        os.rename(degraded.data_dir / "peek.sqlite.away", database)
    assert_recovers(degraded)


def test_locked_database(degraded):
    before = rows(degraded)
    locker = sqlite3.connect(degraded.data_dir / "peek.sqlite", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        # Each health process probes the write lock at most once a second.
        deadline = time.time() + 3
        while (health := degraded.get("/api/health")).status_code == 200 and time.time() < deadline:
            time.sleep(0.1)
        assert health.status_code == 503 and "locked" in health.json()["error"]
        json_error(degraded.upload(images.flat((3, 3, 3))), 503)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert rows(degraded) == before
    assert_recovers(degraded)
