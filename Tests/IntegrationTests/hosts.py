"""Hosts of the tests' own: network namespaces joined by a bridge (a switch in a namespace of its
own, so the machine's own network is never touched), each with one address of 192.0.2.0/24
(TEST-NET-1, routed nowhere). Processes started in a host see only its network."""
import contextlib
import ctypes
import os
import signal
import subprocess
import threading
import time

SUBNET = "192.0.2"
CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def available():
    """Whether this process may make network namespaces (root, and `ip netns` works here)."""
    if os.geteuid() != 0:
        return False
    probe = f"peek-probe-{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True).returncode == 0
    if made:
        subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return made


def ip(*arguments):
    subprocess.run(["ip", *arguments], check=True, capture_output=True, timeout=30)


class Hosts:
    """Named hosts: `hosts.address("db")`, `hosts.command("db", [...])` (the argv that runs inside it)."""

    def __init__(self, names):
        self.prefix = f"pk{os.getpid() % 100000}"
        self.switch = f"{self.prefix}-switch"
        self.addresses = {}
        ip("netns", "add", self.switch)
        ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        ip("-n", self.switch, "link", "set", "br0", "up")
        for index, name in enumerate(names, start=2):
            self._add(name, f"{SUBNET}.{index}")

    def namespace(self, name):
        return f"{self.prefix}-{name}"

    def address(self, name):
        return self.addresses[name]

    def command(self, name, argv):
        return ["ip", "netns", "exec", self.namespace(name), *argv]

    @contextlib.contextmanager
    def inside(self, name):
        """Runs the block's network calls (and the processes it starts) from host `name`: a network
        namespace belongs to a thread, so only the calling thread moves, and it moves back after."""
        own = os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net", os.O_RDONLY)
        target = os.open(f"/run/netns/{self.namespace(name)}", os.O_RDONLY)
        try:
            self._setns(target)
            try:
                yield
            finally:
                self._setns(own)
        finally:
            os.close(target)
            os.close(own)

    @staticmethod
    def _setns(descriptor):
        if _libc.setns(descriptor, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")

    def pids(self, name):
        result = subprocess.run(["ip", "netns", "pids", self.namespace(name)], capture_output=True, text=True)
        return [int(pid) for pid in result.stdout.split()]

    def kill(self, name):
        """SIGKILL to every process of the host at once, as when the machine loses power."""
        for _ in range(20):
            pids = self.pids(name)
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"processes of {name} outlived SIGKILL: {self.pids(name)}")

    def destroy(self):
        for name in list(self.addresses):
            self.kill(name)
            subprocess.run(["ip", "netns", "del", self.namespace(name)], capture_output=True)
        subprocess.run(["ip", "netns", "del", self.switch], capture_output=True)

    def _add(self, name, address):
        namespace = self.namespace(name)
        port = f"{self.prefix[-6:]}{len(self.addresses)}"
        ip("netns", "add", namespace)
        ip("link", "add", "eth0", "netns", namespace, "type", "veth", "peer", "name", port, "netns", self.switch)
        ip("-n", self.switch, "link", "set", port, "master", "br0", "up")
        ip("-n", namespace, "addr", "add", f"{address}/24", "dev", "eth0")
        ip("-n", namespace, "link", "set", "eth0", "up")
        ip("-n", namespace, "link", "set", "lo", "up")
        self.addresses[name] = address
