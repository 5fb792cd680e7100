"""The real Peek stack (nginx, spawn-fcgi pools, worker, SQLite) on a free loopback port, for tests.

PEEK_TEST_DATABASE=postgresql runs every stack on PostgreSQL instead: one server for the test
session (Debian's binaries, started in a temporary folder on a free loopback port), a database of
its own for each stack, passed as PEEK_DATABASE_URL. PEEK_TEST_BLOB_STORE=s3 keeps every stack's
blobs in S3 instead: one moto server for the session (s3server.py, authentication enforced), a
bucket of its own for each stack. Tests read blobs through `blob_exists`, `blob_bytes` and
`blob_digests`, which look wherever the stack keeps them."""
import atexit
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / ".build" / "release"
DATABASE = os.environ.get("PEEK_TEST_DATABASE", "sqlite")
if DATABASE not in ("sqlite", "postgresql"):
    raise RuntimeError(f"PEEK_TEST_DATABASE={DATABASE} is not sqlite or postgresql")
BLOB_STORE = os.environ.get("PEEK_TEST_BLOB_STORE", "local")
if BLOB_STORE not in ("local", "s3"):
    raise RuntimeError(f"PEEK_TEST_BLOB_STORE={BLOB_STORE} is not local or s3")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgreSQLServer:
    """A PostgreSQL server for the session's stacks: initdb into a temporary folder, trust
    authentication on 127.0.0.1 only (or `host` inside the network namespace `namespace`), no Unix
    socket. As root it runs as `postgres` (PostgreSQL refuses root). Stopped, and its folder
    removed, when the session ends."""

    _shared = None

    @classmethod
    def shared(cls):
        if cls._shared is None:
            cls._shared = cls()
            atexit.register(cls._shared.stop)
        return cls._shared

    @staticmethod
    def binaries():
        """The folder of initdb and pg_ctl (version 15 first), or None when the server is not installed."""
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: path.parts[-3] != "15")
        return candidates[0].parent if candidates else None

    def __init__(self, host="127.0.0.1", namespace=None):
        self.host, self.namespace = host, namespace
        self.bin = self.binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server is not installed (apt-get install postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="peek-postgresql-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "postgres" if os.getuid() == 0 else None
        if self.user:
            shutil.chown(self.folder, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "peek", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        with open(self.data / "postgresql.conf", "a") as conf:
            # Every stack's pools and workers hold connections: about 40 a stack, a few stacks at once.
            conf.write(f"\nlisten_addresses = '{host}'\nport = {self.port}\nunix_socket_directories = ''\n"
                       "max_connections = 400\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        if host != "127.0.0.1":
            with open(self.data / "pg_hba.conf", "a") as hba:
                hba.write("host all all samenet trust\n")
        self.start()

    def start(self):
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.folder / "server.log"))

    def stop_server(self):
        """Stops the server as an administrator would (`fast`: open sessions are ended); the folder stays."""
        self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))

    def restart(self):
        self._run("pg_ctl", "restart", "-w", "-m", "fast", "-D", str(self.data), "-l", str(self.folder / "server.log"))

    def url(self, database):
        return f"postgresql://peek@{self.host}:{self.port}/{database}"

    def create_database(self):
        name = f"peek_{os.urandom(6).hex()}"
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url):
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self):
        """Stops the server for good and removes its folder."""
        try:
            self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _admin(self, statement):
        self._run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url("postgres"), "-c", statement)

    def _run(self, program, *arguments):
        command = [str(self.bin / program), *arguments]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        if self.namespace:
            command = ["ip", "netns", "exec", self.namespace, *command]
        # Output to a file, not a pipe: the postmaster pg_ctl leaves behind must not hold it open.
        with tempfile.TemporaryFile() as output:
            result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, timeout=120)
            if result.returncode != 0:
                output.seek(0)
                raise RuntimeError(f"{' '.join(command)} failed:\n{output.read().decode(errors='replace')}")


class PostgreSQLRows:
    """A stack's PostgreSQL database, answering the tests' queries as their sqlite3 connection does:
    `?` placeholders, rows read by position or by name (and `dict(row)`), `with` commits and closes."""

    def __init__(self, url):
        import psycopg2
        import psycopg2.extras
        self.connection = psycopg2.connect(url, cursor_factory=psycopg2.extras.DictCursor)

    def execute(self, sql, parameters=()):
        cursor = self.connection.cursor()
        cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(parameters))
        return cursor

    def commit(self):
        self.connection.commit()

    def close(self):
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        try:
            if kind is None:
                self.connection.commit()
            else:
                self.connection.rollback()
        finally:
            self.connection.close()


class Stack:
    """One stack started with ./spawn.sh in its own data directory; `settings` become PEEK_* variables."""

    def __init__(self, s3=None, **settings):
        """`s3`: an S3Server to keep the blobs in (a bucket of its own), else the session's under
        PEEK_TEST_BLOB_STORE=s3; `blob_store="local"` keeps them in files whatever the environment."""
        self.port = free_port()
        self.data_dir = Path(tempfile.mkdtemp(prefix="peek-test-"))
        self.base_url = f"http://127.0.0.1:{self.port}"
        # Settings from the caller's environment (spawn.sh test exports its own PEEK_DATA_DIR,
        # PEEK_RUN_DIR…) must not leak in: each stack is configured only by its arguments.
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("PEEK_")}
        self.env.update({"PEEK_PORT": str(self.port), "PEEK_DATA_DIR": str(self.data_dir), "PEEK_SKIP_BUILD": "1",
                         "PEEK_UPLOAD_RATE": "1000", "PEEK_UPLOAD_BURST": "1000",
                         # One client (this test run) fills the queue-only stack for the whole session.
                         "PEEK_QUEUE_PER_CLIENT": "1000000", "PEEK_QUEUE_WAIT_DEGRADED_SECONDS": "86400"})
        # A database of its own on the session's server, unless the caller names one (database_url=…).
        self.owned_database = None
        if DATABASE == "postgresql" and "database_url" not in settings:
            self.owned_database = PostgreSQLServer.shared().create_database()
            self.env["PEEK_DATABASE_URL"] = self.owned_database
        self.s3 = self.bucket = None
        if settings.get("blob_store") != "local" and (s3 is not None or BLOB_STORE == "s3"):
            from s3server import S3Server
            self.s3 = s3 or S3Server.shared()
            self.bucket = self.s3.create_bucket()
            self.env.update(self.s3.settings(self.bucket))
        self.env.update({f"PEEK_{key.upper()}": str(value) for key, value in settings.items()})
        self.database_url = self.env.get("PEEK_DATABASE_URL")
        self.session = requests.Session()
        # Commands run inside this network namespace (a host of the multi-host test) when set.
        self.namespace_prefix = []

    def spawn(self, command):
        result = subprocess.run([*self.namespace_prefix, str(ROOT / "spawn.sh"), command], env=self.env, capture_output=True, text=True,
                                timeout=900, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"spawn.sh {command} failed:\n{result.stdout}\n{result.stderr}\n{self.logs()}")
        return result

    def up(self):
        self.spawn("up")
        # `up` on a running stack reloads nginx, which closes idle keep-alive connections.
        self.session.close()
        return self

    def down(self):
        self.spawn("down")

    def destroy(self):
        self.down()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        if self.owned_database:
            PostgreSQLServer.shared().drop_database(self.owned_database)

    def logs(self):
        log_dir = self.data_dir / "log"
        if not log_dir.exists():
            return ""
        return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}" for path in sorted(log_dir.iterdir())
                         if path.name != "nginx-access.log")

    # HTTP

    def url(self, path):
        return self.base_url + path

    def get(self, path, **kwargs):
        return self.session.get(self.url(path), timeout=30, **kwargs)

    def upload(self, data, filename="image.png", content_type="application/octet-stream", field="image"):
        return self.session.post(self.url("/api/analyze"), files={field: (filename, data, content_type)}, timeout=60)

    def accepted_id(self, data, filename="image.png"):
        response = self.upload(data, filename)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def wait_result(self, image_id, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            response = self.get(f"/api/results/{image_id}")
            body = response.json()
            if body["status"] != "processing":
                return response
            time.sleep(0.05)
        raise AssertionError(f"{image_id} still processing after {timeout}s\n{self.logs()}")

    # Processes and files

    def pid(self, name):
        path = self.data_dir / "run" / f"{name}.pid"
        return int(path.read_text()) if path.exists() else None

    def children(self, pid):
        result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        return [int(line) for line in result.stdout.split()]

    def database(self):
        """The stack's database: its SQLite file, or its PostgreSQL database behind the same interface."""
        if self.database_url:
            return PostgreSQLRows(self.database_url)
        connection = sqlite3.connect(self.data_dir / "peek.sqlite", timeout=10)
        connection.row_factory = sqlite3.Row
        return connection

    def blob_path(self, digest):
        """Where a local blob lies (files only; see `blob_bytes`)."""
        return self.data_dir / "blobs" / digest[:2] / digest[2:4] / digest

    def blob_bytes(self, digest):
        """A blob's bytes wherever the stack keeps them, or None."""
        if self.s3:
            return self.s3.blob(self.bucket, digest)
        path = self.blob_path(digest)
        return path.read_bytes() if path.is_file() else None

    def blob_exists(self, digest):
        return self.blob_bytes(digest) is not None

    def blob_version(self, digest):
        """What changes when a blob is written again: its file's mtime, its object's LastModified."""
        if self.s3:
            return self.s3.client().head_object(Bucket=self.bucket, Key=f"blobs/{digest}")["LastModified"]
        return os.stat(self.blob_path(digest)).st_mtime_ns

    def blob_digests(self):
        """Every blob the stack holds."""
        if self.s3:
            return self.s3.digests(self.bucket)
        return {path.name for path in (self.data_dir / "blobs").rglob("*") if path.is_file()}

    def run_worker_once(self, timeout=300):
        return subprocess.run([str(RELEASE / "peek-worker"), "--once"], env=self.env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    def admin(self, *arguments, input=None, timeout=120, **settings):
        """Runs peek-admin with this stack's settings, `settings` overriding some (stdin `input`, text)."""
        env = {**self.env, **{f"PEEK_{key.upper()}": str(value) for key, value in settings.items()}}
        return subprocess.run([str(RELEASE / "peek-admin"), *arguments], env=env, input=input,
                              capture_output=True, text=True, timeout=timeout)

    def add_user(self, username, password):
        """An account made the administrator's way: `peek-admin user add NAME`, the password on stdin."""
        result = self.admin("user", "add", username, input=password + "\n")
        assert result.returncode == 0, f"peek-admin user add {username}: {result.stdout}{result.stderr}"
        return result

    def run_cgi(self, function, method, path, body=b"", content_type=None):
        """Runs a function binary once as a CGI program, as a shell or a test would."""
        env = {"PATH": os.environ.get("PATH", ""), "PEEK_DATA_DIR": str(self.data_dir),
               "REQUEST_METHOD": method, "DOCUMENT_URI": path, "REQUEST_URI": path,
               "GATEWAY_INTERFACE": "CGI/1.1", "CONTENT_LENGTH": str(len(body))}
        if content_type:
            env["CONTENT_TYPE"] = content_type
        if self.database_url:
            env["PEEK_DATABASE_URL"] = self.database_url
        env.update({key: value for key, value in self.env.items() if key.startswith(("PEEK_S3_", "PEEK_BLOB_STORE"))})
        result = subprocess.run([str(RELEASE / function)], env=env, input=body, capture_output=True, timeout=60)
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
        return status, headers, payload


def json_error(response, status):
    """Asserts a JSON error answer with the given status and returns its message."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text[:300]}"
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"], body
    return body["error"]


def process_alive(pid):
    """Running and not a zombie (dead, not yet reaped by its parent)."""
    result = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return result.stdout.strip()[:1] not in ("", "Z")


def kill(pid, sig=signal.SIGKILL):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
