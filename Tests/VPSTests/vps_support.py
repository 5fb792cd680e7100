"""Helpers of the VPS tests: the packed tree, the README's install command, timings, test images."""
import io
import os
import random
import re
import subprocess
import time

from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INSTALL = os.path.join(ROOT, "deploy", "install.sh")
# Where the admin unpacks the tree on the VPS, and the README's install command, run from there.
TREE = "/root/peek"
INSTALL_COMMAND = f"cd {TREE} && PEEK_SKIP_BUILD=1 PEEK_SERVER_NAME=peek.example.org ./deploy/install.sh install"
# The README's upgrade, from the unpacked new tree (the build happened on the host).
UPGRADE_COMMAND = f"cd {TREE} && PEEK_SKIP_BUILD=1 ./deploy/install.sh install"
FACE_PHOTO = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"
FUNCTIONS_DIR = "/usr/local/share/peek/functions"
# `systemd-analyze security` rates exposure from 0 (locked down) to 10; 2.0 is the top of "OK".
MAX_EXPOSURE = 2.0
# The model units must make the namespaces of bubblewrap's sandboxes; the builds reach the package
# index, and with the database or the blobs on another host the runs reach the network too (the
# drop-in): both stay "OK" but above 2.0 (see Tests/DeployTests/test_deploy_units.py).
MODEL_MAX_EXPOSURE = 2.5


def exposure_limit(service):
    return MODEL_MAX_EXPOSURE if service in ("peek-model-builds.service", "peek-model-runs.service") else MAX_EXPOSURE

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


def unpack_and_install(machine, archive, command=INSTALL_COMMAND, change=None):
    """Copies the packed tree in, unpacks it where an admin would and runs the README's command;
    `change`, a shell command run in the unpacked tree first, makes it a new version."""
    machine.copy_in(archive, "/root/peek.tar")
    machine.run(f"rm -rf {TREE} && tar -C /root -xf /root/peek.tar && rm /root/peek.tar")
    if change:
        machine.run(f"cd {TREE} && {change}")
    return machine.run(command, timeout=600)


def noise_png(seed, size=(320, 240)):
    """A PNG of random pixels: every seed a different blob, so every upload is analysed."""
    generator = random.Random(seed)
    image = Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def peek_services(vps):
    """The Peek services the install enabled: peek-migrate, one pool per function, the workers."""
    listed = vps.run("systemctl list-dependencies --plain --no-pager peek.target").stdout.split()
    return sorted(name for name in listed if name.startswith("peek-") and name.endswith(".service"))


def declared_functions(vps):
    return vps.run(f"ls {FUNCTIONS_DIR}").stdout.split()


def upload(vps, data, name):
    path = f"/root/uploads/{name}"
    vps.put(path, data)
    status, answer = vps.json("POST", "/api/analyze", form_file=path)
    assert status == 202, answer
    return answer["id"]


def upload_noise(vps, seeds):
    return [upload(vps, noise_png(seed), f"noise-{seed}.png") for seed in seeds]


def wait_until_done(vps, ids, timeout=120):
    """{id: final result} once every upload is completed or failed; fails naming the stragglers."""
    results, deadline = {}, time.time() + timeout
    while time.time() < deadline and len(results) < len(ids):
        for image_id in ids:
            if image_id in results:
                continue
            status, answer = vps.json("GET", f"/api/results/{image_id}")
            if status == 200 and answer["status"] in ("completed", "failed"):
                results[image_id] = answer
        time.sleep(0.5)
    missing = [image_id for image_id in ids if image_id not in results]
    assert not missing, f"still not analysed after {timeout} s: {missing}\n" + journal(vps, "-u 'peek-worker@*'")
    return results


def journal(vps, selection, since="-5min"):
    return vps.run(f"journalctl --no-pager -o cat --since={since} {selection}", check=False).stdout


def stop_workers(vps):
    vps.run("systemctl stop 'peek-worker@*.service'")


def exposure(vps, service):
    """The service's exposure level as the machine's systemd rates it, drop-ins included."""
    report = vps.run(f"systemd-analyze security --no-pager {service}", check=False).stdout
    return float(re.search(r"Overall exposure level for \S+: (\d+\.\d+)", report).group(1))
