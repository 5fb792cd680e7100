"""Hostile model code (issue 13, SPEC §11), from the side of an owner whose predict.py attacks the
host: every attempt ends `failed` with a clear message, and the worker and the stack serve on.

One package holds every attack (built once); which one a run performs is chosen by the width of the
image it is given, so the attacks cost one build and a run each."""
import os
import time

import pytest

import images
from models import TIME_LIMIT, built, example_package, finished, new_model, package
from owners import owner

HOSTILE = '''
import glob, os, socket, struct, sys

def connect(address):
    with socket.create_connection(address, timeout=3):
        pass
    return {"connected": True}

def read(path):
    with open(path, "rb") as handle:
        return {"read": handle.read(200).hex()}

def fork_bomb():
    while True:
        os.fork()

def endless():
    while True:
        pass

def big_output(output_dir):
    chunk = b"x" * (1 << 20)
    with open(os.path.join(output_dir, "big.bin"), "wb") as handle:
        for _ in range(1024):
            handle.write(chunk)
    return {"wrote": "1 GiB"}

def write_outside():
    for path in ("/opt/model/predict.py", "/usr/lib/evil", DATA_DIR + "/evil", "/evil"):
        try:
            open(path, "w").write("owned")
        except OSError as error:
            print(f"{path}: {error}")
        else:
            return {"wrote": path}
    raise PermissionError("nothing outside the output folder is writable")

def run(input_path, output_dir):
    with open(input_path, "rb") as handle:
        width = struct.unpack(">I", handle.read(24)[16:20])[0]  # a PNG's IHDR: no requirement to install
    attack = {
        11: lambda: connect(("127.0.0.1", PEEK_PORT)),
        12: lambda: connect(("192.0.2.1", 80)),
        13: lambda: read(DATA_DIR + "/peek.sqlite"),
        14: lambda: {"listing": os.listdir(DATA_DIR)},
        15: lambda: read("/proc/1/environ"),
        16: lambda: read(glob.glob(DATA_DIR + "/tmp/model-run-*/input/*")[0] if glob.glob(DATA_DIR + "/tmp/model-run-*/input/*")
                         else DATA_DIR + "/blobs"),
        17: write_outside,
        18: fork_bomb,
        19: lambda: {"size": len(bytearray(10 << 30))},
        20: endless,
        21: lambda: big_output(output_dir),
        22: lambda: {"not json": object()},
        23: lambda: [1, 2, 3],
        24: lambda: 1 / 0,
    }.get(width)
    return attack() if attack else {"smoke": True}
'''

# width: (what the run tries, the start of the job's error)
ATTACKS = {
    11: ("a TCP connection to Peek's own port on 127.0.0.1", "run raised ConnectionRefusedError"),
    12: ("a TCP connection to an outside address", "run raised OSError: [Errno 101] Network is unreachable"),
    13: ("reading the database file", "run raised FileNotFoundError"),
    14: ("listing the data directory", "run raised FileNotFoundError"),
    15: ("reading /proc/1/environ", "run raised FileNotFoundError"),
    16: ("reading another job's input", "run raised FileNotFoundError"),
    17: ("writing outside the output folder", "run raised PermissionError: nothing outside the output folder is writable"),
    18: ("forking without bound", "too many processes: run tried to start more than 64 (the limit)"),
    19: ("allocating 10 GiB", "out of memory: run needed more than 2048 MB (the limit)"),
    20: ("looping forever", f"timed out: run took longer than {TIME_LIMIT} s (the limit)"),
    21: ("writing a 1 GiB output", "output over 256 MB"),
    22: ("returning a dict that is not JSON", "run returned a dict that is not JSON-serialisable"),
    23: ("returning a list", "run returned list, not a dict"),
    24: ("raising", "run raised ZeroDivisionError: division by zero"),
}


@pytest.fixture(scope="module")
def hostile(models_stack):
    mallory = owner(models_stack, "mallory")
    source = HOSTILE.replace("DATA_DIR", repr(str(models_stack.data_dir))).replace("PEEK_PORT", str(models_stack.port))
    model = new_model(mallory, "hostile")
    version = built(mallory, model["id"], package({"predict.py": source}))
    assert version["status"] == "ready", version
    return mallory, model, version


@pytest.mark.parametrize("width", sorted(ATTACKS), ids=[ATTACKS[width][0] for width in sorted(ATTACKS)])
def test_hostile_code_fails_with_a_clear_message_and_the_stack_serves_on(models_stack, hostile, width):
    mallory, model, version = hostile
    workers = {name: models_stack.pid(name) for name in ("peek-worker-1", "peek-worker-2")}
    started = time.time()
    job = finished(mallory, model["id"], version["id"], images.flat(size=(width, 10)), timeout=TIME_LIMIT + 60)
    assert job["status"] == "failed", (ATTACKS[width][0], job)
    assert job["error"].startswith(ATTACKS[width][1]), (ATTACKS[width][0], job["error"], job["log"][-2000:])
    assert job["result"] is None and job["outputs"] == []
    assert time.time() - started < TIME_LIMIT + 30
    # The worker processes are the same ones, and the stack answers.
    assert {name: models_stack.pid(name) for name in workers} == workers
    assert all(os.path.exists(f"/proc/{pid}") for pid in workers.values() if pid)
    assert models_stack.get("/api/health").status_code == 200


def test_a_raise_leaves_its_traceback_in_the_log(hostile):
    mallory, model, version = hostile
    job = finished(mallory, model["id"], version["id"], images.flat(size=(24, 10)))
    assert "Traceback (most recent call last)" in job["log"] and "ZeroDivisionError" in job["log"]


def test_nothing_of_the_host_leaks_into_a_run(models_stack, hostile):
    """The smoke-size run succeeds; the job's log and result hold none of the worker's settings."""
    mallory, model, version = hostile
    job = finished(mallory, model["id"], version["id"], images.flat(size=(64, 10)))
    assert job["status"] == "succeeded" and job["result"] == {"smoke": True}
    assert "PEEK_" not in job["log"] and str(models_stack.data_dir) not in job["log"]


def test_after_the_attacks_the_example_model_still_runs(models_stack, hostile):
    alice = owner(models_stack, "after")
    model = new_model(alice)
    version = built(alice, model["id"], example_package())
    job = finished(alice, model["id"], version["id"], images.flat())
    assert job["status"] == "succeeded", job
    assert models_stack.upload(images.flat()).status_code == 202
