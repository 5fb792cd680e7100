"""What the contract tests share: their own virtual environment with schemathesis and
openapi-spec-validator, the stack of the integration tests, and a few real uploads."""
import hashlib
import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OPENAPI = ROOT / "openapi.yaml"
VENV = Path(os.environ.get("PEEK_CONTRACT_VENV", ROOT / ".venv-tests" / "contract"))
REQUIREMENTS = HERE / "requirements.txt"

sys.path.insert(0, str(ROOT / "Tests" / "IntegrationTests"))
from stack import Stack  # noqa: E402  (the integration tests' stack, reused as is)


def venv_tool(name):
    return VENV / "bin" / name


def ensure_venv():
    """Creates .venv-tests/contract with the pinned requirements once; a later run reuses it while
    requirements.txt is unchanged. Debian needs python3-venv for `python3 -m venv`."""
    stamp = VENV / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and venv_tool("schemathesis").exists():
        return VENV
    VENV.parent.mkdir(parents=True, exist_ok=True)
    # The folder ignores itself, so it never shows up in `git status`.
    (VENV.parent / ".gitignore").write_text("*\n")
    run([sys.executable, "-m", "venv", "--clear", str(VENV)],
        hint="Debian's python3-venv package provides `python3 -m venv`: apt-get install python3-venv")
    run([str(venv_tool("python")), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)], hint="pip could not install Tests/ContractTests/requirements.txt from PyPI")
    stamp.write_text(wanted)
    return VENV


def run(command, hint, timeout=900):
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise RuntimeError(f"{hint}\n$ {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


# Uploads

def png(width, height, pixel=b"\x20\x60\xc0", corrupt=False):
    """A PNG of one colour, made without Pillow; `corrupt` keeps a valid header over undecodable data."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + pixel * width for _ in range(height))
    data = b"\x78\x9c not deflate data at all" if corrupt else zlib.compress(rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def wait_until_ended(stack, image_id, timeout=120, session=None):
    """The result once the analysis has ended; `session` sends credentials (an album photo's owner)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        body = (session or stack.session).get(stack.url(f"/api/results/{image_id}"), timeout=30).json()
        if body["status"] != "processing":
            return body
        time.sleep(0.1)
    raise AssertionError(f"{image_id} still processing after {timeout}s\n{stack.logs()}")
