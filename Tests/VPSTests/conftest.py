"""The VPS machine for Tests/VPSTests: booted once per session, Peek installed in it by the README's
command from a tree packed on this host. Skipped, saying why, where the machine cannot run."""
import io
import os
import random
import subprocess
import tempfile
import time

import pytest
from PIL import Image

from machine import Machine, Unavailable, cached_root

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INSTALL = os.path.join(ROOT, "deploy", "install.sh")
# Where the admin unpacks the tree on the VPS, and the README's install command, run from there.
TREE = "/root/peek"
INSTALL_COMMAND = f"cd {TREE} && PEEK_SKIP_BUILD=1 PEEK_SERVER_NAME=peek.example.org ./deploy/install.sh install"
FACE_PHOTO = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"

TIMINGS = []


def timed(label):
    """Records how long a stage took, for the summary at the end of the run."""
    class Timer:
        def __enter__(self):
            self.started = time.time()

        def __exit__(self, *_):
            TIMINGS.append((label, time.time() - self.started))
    return Timer()


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_sep("-", "VPS machine: time per stage")
        for label, seconds in TIMINGS:
            terminalreporter.write_line(f"{label:<44} {seconds:7.1f} s")


def packed_tree(directory):
    """`deploy/install.sh pack` of this checkout's release build: what an admin copies to the VPS."""
    archive = os.path.join(directory, "peek.tar")
    result = subprocess.run([INSTALL, "pack", archive], capture_output=True, text=True)
    assert result.returncode == 0, f"install.sh pack failed (build first: swift build -c release):\n{result.stderr}"
    return archive


def unpack_and_install(machine, archive):
    """Copies the packed tree in, unpacks it where an admin would and runs the README's command."""
    machine.copy_in(archive, "/root/peek.tar")
    machine.run(f"rm -rf {TREE} && tar -C /root -xf /root/peek.tar && rm /root/peek.tar")
    return machine.run(INSTALL_COMMAND, timeout=600)


@pytest.fixture(scope="session")
def vps():
    """A booted Debian 12 machine with Peek installed, as a fresh VPS after the README's steps."""
    with timed("guest root (cached after the first run)"):
        try:
            root = cached_root()
        except Unavailable as reason:
            pytest.skip(f"VPS tests skipped: {reason}")
    work = tempfile.mkdtemp(prefix="peek-vps-tree-", dir="/var/tmp")
    with timed("install.sh pack on the host"):
        archive = packed_tree(work)
    machine = Machine(root, f"peek-vps-{os.getpid()}")
    try:
        with timed("boot"):
            machine.boot()
        with timed("install (README's command)"):
            machine.install_output = unpack_and_install(machine, archive)
        machine.archive = archive
        yield machine
    finally:
        with timed("shutdown"):
            machine.shutdown()
        subprocess.run(["rm", "-rf", work], check=False)


def noise_png(seed, size=(320, 240)):
    """A PNG of random pixels: every seed a different blob, so every upload is analysed."""
    generator = random.Random(seed)
    image = Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
