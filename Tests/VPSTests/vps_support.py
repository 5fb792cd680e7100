"""Helpers of the VPS tests: the packed tree, the README's install command, timings, test images."""
import io
import os
import random
import subprocess
import time

from PIL import Image

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


def noise_png(seed, size=(320, 240)):
    """A PNG of random pixels: every seed a different blob, so every upload is analysed."""
    generator = random.Random(seed)
    image = Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
