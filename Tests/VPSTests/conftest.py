"""The VPS machine for Tests/VPSTests: booted once per session, Peek installed in it by the README's
command from a tree packed on this host. Skipped, saying why, where the machine cannot run."""
import os
import subprocess
import tempfile

import pytest

from vps_machine import Machine, Unavailable, cached_root
from vps_support import TIMINGS, packed_tree, timed, unpack_and_install


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_sep("-", "VPS machine: time per stage")
        for label, seconds in TIMINGS:
            terminalreporter.write_line(f"{label:<44} {seconds:7.1f} s")


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
