"""A Debian 12 machine booted by systemd-nspawn with systemd as its PID 1, on a root of its own.

The cached root (guest_root.sh) stays untouched: each machine boots an overlay of it whose
changes live in a directory under /var/tmp, so a reboot keeps them and the next run starts
fresh. The machine has a private network (its own loopback only); commands run inside it with
nsenter in all of its namespaces, as root in a login-like environment, as an admin's shell would."""
import json
import os
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GUEST_ROOT = os.path.join(HERE, "guest_root.sh")
# Exit status of systemd-nspawn when the machine rebooted (systemd-nspawn(1)).
REBOOTED = 133
GUEST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class MachineError(AssertionError):
    """A command in the machine failed, or the machine did not boot or stop in time."""


class Unavailable(Exception):
    """This host cannot run the machine (not root, no systemd-nspawn, no Debian mirror…)."""


def cached_root():
    """The guest's root directory, made by guest_root.sh on first use; Unavailable if it cannot be."""
    if os.geteuid() != 0:
        raise Unavailable("the VPS tests need root (systemd-nspawn, overlay mounts)")
    for tool in ("systemd-nspawn", "debootstrap", "nsenter"):
        if shutil.which(tool) is None:
            raise Unavailable(f"{tool} is not installed (./spawn.sh test-vps installs it)")
    result = subprocess.run([GUEST_ROOT], capture_output=True, text=True)
    if result.returncode != 0:
        raise Unavailable(f"the guest's root could not be made: {result.stderr.strip()[-600:]}")
    root = result.stdout.strip().splitlines()[-1]
    probe = subprocess.run(["systemd-nspawn", "--quiet", "--register=no", "--keep-unit", "-D", root,
                            "--read-only", "--pipe", "/bin/true"], capture_output=True, text=True)
    if probe.returncode != 0:
        raise Unavailable(f"systemd-nspawn cannot run here: {probe.stderr.strip()[-400:]}")
    return root


class Machine:
    """One booted guest: boot(), run(), put(), reboot(), shutdown()."""

    def __init__(self, root, name, network_of=None, binds=()):
        """network_of: another Machine whose network namespace this one joins (as two hosts on one
        network: each reaches the other's services on 127.0.0.1). binds: (host path, machine path)
        pairs mounted in, as a network file system would be."""
        self.root = root
        self.name = name
        self.network_of = network_of
        self.binds = list(binds)
        self.base = tempfile.mkdtemp(prefix=f"{name}-", dir="/var/tmp")
        self.merged = os.path.join(self.base, "merged")
        for folder in ("upper", "work", "merged"):
            os.mkdir(os.path.join(self.base, folder))
        subprocess.run(["mount", "-t", "overlay", "overlay", "-o",
                        f"lowerdir={root},upperdir={self.base}/upper,workdir={self.base}/work", self.merged],
                       check=True)
        self.console = os.path.join(self.base, "console.log")
        self.nspawn = None
        self.leader = None
        self.boots = 0

    def boot(self, timeout=90):
        """Starts systemd in the machine and waits until it reports the system running."""
        self.boots += 1
        log = open(self.console, "a")
        # --keep-unit --register=no: no machined or bus needed on this side (PID 1 may not be systemd).
        network = ["--private-network"]
        if self.network_of is not None:
            network = [f"--network-namespace-path=/proc/{self.network_of.leader}/ns/net"]
        binds = [f"--bind={source}:{target}" for source, target in self.binds]
        self.nspawn = subprocess.Popen(
            ["systemd-nspawn", "--quiet", "--register=no", "--keep-unit", "--boot", *network, *binds,
             f"--machine={self.name}", "-D", self.merged],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.time() + timeout
        while time.time() < deadline and self.leader is None:
            self.leader = self._init_pid()
            if self.nspawn.poll() is not None:
                raise MachineError(f"systemd-nspawn exited {self.nspawn.returncode}:\n{self.console_tail()}")
            time.sleep(0.1)
        state = ""
        while time.time() < deadline:
            state = self.run("systemctl is-system-running", check=False).stdout.strip()
            if state in ("running", "degraded"):
                break
            time.sleep(0.3)
        if state != "running":
            failed = self.run("systemctl --failed --no-legend --no-pager", check=False).stdout
            raise MachineError(f"the machine did not boot cleanly ({state!r}); failed units:\n{failed}")

    def _init_pid(self):
        """The machine's PID 1 as this host sees it: systemd-nspawn's child."""
        try:
            with open(f"/proc/{self.nspawn.pid}/task/{self.nspawn.pid}/children") as handle:
                children = handle.read().split()
        except FileNotFoundError:
            return None
        if not children:
            return None
        with open(f"/proc/{children[0]}/comm") as handle:
            return int(children[0]) if handle.read().strip() == "systemd" else None

    def run(self, command, check=True, timeout=300, input=None):
        """A shell command inside the machine, as root with a clean environment."""
        result = subprocess.run(
            ["nsenter", f"--target={self.leader}", "--all", "--", "/usr/bin/env", "-i", f"PATH={GUEST_PATH}",
             "HOME=/root", "LANG=C.UTF-8", "USER=root", "/bin/bash", "-c", command],
            capture_output=True, text=True, timeout=timeout, input=input)
        if check and result.returncode != 0:
            raise MachineError(f"in the machine: {command}\nexited {result.returncode}\n"
                               f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}")
        return result

    def put(self, path, data):
        """Writes a file into the machine's file system (as root, 0644)."""
        target = os.path.join(self.merged, path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)

    def copy_in(self, source, path):
        target = os.path.join(self.merged, path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)

    def http(self, method, url, host="peek.example.org", form_file=None, headers=(), output=None):
        """curl inside the machine: (status, content type, body as text or None when written to output)."""
        command = ["curl", "-sS", "-X", method, "-H", f"'Host: {host}'", "-w", "'\\n%{http_code} %{content_type}'"]
        for header in headers:
            command += ["-H", f"'{header}'"]
        if form_file:
            command += ["-F", f"image=@{form_file}"]
        command += ["-o", output] if output else []
        command.append(f"'http://127.0.0.1{url}'")
        result = self.run(" ".join(command))
        body, _, tail = result.stdout.rpartition("\n")
        status, _, content_type = tail.partition(" ")
        return int(status), content_type, (None if output else body)

    def json(self, method, url, **options):
        status, _, body = self.http(method, url, **options)
        return status, json.loads(body)

    def reboot(self, timeout=90):
        """`systemctl reboot` inside, then a new boot of the same root (what a VPS reboot keeps)."""
        self.run("systemctl reboot", check=False)
        self._wait_for_exit(timeout, expected=(REBOOTED, 0))
        self.leader = None
        self.boot(timeout)

    def shutdown(self, timeout=60):
        if self.nspawn is not None and self.nspawn.poll() is None:
            self.run("systemctl poweroff", check=False, timeout=30)
            try:
                self._wait_for_exit(timeout, expected=(0,))
            except MachineError:
                self.nspawn.kill()
                self.nspawn.wait()
        subprocess.run(["umount", self.merged], check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def _wait_for_exit(self, timeout, expected):
        try:
            status = self.nspawn.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise MachineError(f"the machine did not stop within {timeout} s:\n{self.console_tail()}")
        if status not in expected:
            raise MachineError(f"systemd-nspawn exited {status}:\n{self.console_tail()}")

    def console_tail(self, lines=40):
        with open(self.console, errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])
