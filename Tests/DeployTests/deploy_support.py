"""Helpers shared by the deployment tests: paths, the installer, a dev stack, test images."""
import hashlib
import os
import socket
import struct
import subprocess
import zlib

import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD_DIR = os.path.join(ROOT, ".build", "release")
DEPLOY_DIR = os.path.join(ROOT, "deploy")
UNIT_DIR = os.path.join(DEPLOY_DIR, "systemd")
INSTALL = os.path.join(DEPLOY_DIR, "install.sh")
ADMIN = os.path.join(BUILD_DIR, "peek-admin")

# Where deploy/install.sh puts things (relative to the root it installs into).
LIB_DIR = "usr/local/lib/peek"
MANIFEST = LIB_DIR + "/manifest"
ACTIONS = LIB_DIR + "/install-actions"
INSTALLED_UNIT_DIR = "usr/local/lib/systemd/system"
SITE = "etc/nginx/sites-available/peek"
ENV_FILE = "etc/peek/peek.env"


def require_release_build():
    missing = [name for name in ("fn-health", "fn-analyze", "fn-results", "fn-image", "peek-admin")
               if not os.access(os.path.join(BUILD_DIR, name), os.X_OK)]
    assert not missing, f"build first (swift build -c release); missing in {BUILD_DIR}: {missing}"


def run(command, env=None, check=True, **kwargs):
    merged = dict(os.environ)
    merged.update(env or {})
    result = subprocess.run(command, env=merged, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def install(destdir, *arguments, env=None, check=True):
    """deploy/install.sh into a root prefix, reusing the existing release build."""
    settings = {"DESTDIR": str(destdir), "PEEK_SKIP_BUILD": "1"}
    settings.update(env or {})
    return run([INSTALL, *arguments], env=settings, check=check)


def read_manifest(destdir):
    """{path: (type, mode, owner, group)} from the manifest install.sh writes."""
    entries = {}
    with open(os.path.join(destdir, MANIFEST)) as manifest:
        for line in manifest:
            kind, mode, owner, group, path = line.rstrip("\n").split("\t")
            entries[path] = (kind, mode, owner, group)
    return entries


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def png(width, height, seed):
    """A valid PNG of random-looking pixels, different for every seed (so a different blob)."""
    stream = hashlib.sha256(str(seed).encode()).digest()
    row_bytes = width * 3
    rows = []
    for y in range(height):
        row = bytearray()
        counter = 0
        while len(row) < row_bytes:
            row += hashlib.sha256(stream + struct.pack(">II", y, counter)).digest()
            counter += 1
        rows.append(b"\x00" + bytes(row[:row_bytes]))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 1))
            + chunk(b"IEND", b""))


class DevStack:
    """The whole stack from ./spawn.sh on a free port and its own data directory."""

    def __init__(self, data_dir, workers=1):
        self.data_dir = str(data_dir)
        self.port = free_port()
        self.env = {"PEEK_DATA_DIR": self.data_dir, "PEEK_PORT": str(self.port), "PEEK_SKIP_BUILD": "1",
                    "PEEK_WORKERS": str(workers),
                    # As in the units: the crash backtracer would catch `down`'s SIGTERM and take seconds.
                    "SWIFT_BACKTRACE": "enable=no"}
        self.url = f"http://127.0.0.1:{self.port}"

    def up(self):
        run([os.path.join(ROOT, "spawn.sh"), "up"], env=self.env, timeout=300)
        return self

    def down(self):
        run([os.path.join(ROOT, "spawn.sh"), "down"], env=self.env, check=False, timeout=120)

    def upload(self, data, name="image.png", timeout=30):
        return requests.post(self.url + "/api/analyze", files={"image": (name, data, "image/png")}, timeout=timeout)
