"""The systemd units in deploy/systemd: valid for systemd, hardened to "OK" or better, and wired so
that an upgrade migrates once before the handlers restart and never loses a worker's job."""
import glob
import os
import re

import pytest

from deploy_support import UNIT_DIR, run

# `systemd-analyze security` rates exposure from 0 (locked down) to 10; 2.0 is the top of "OK".
MAX_EXPOSURE = 2.0
# Model builds must reach the package index (PyPI) and make bubblewrap's namespaces: the one unit
# with the network; still "OK" (up to 4.9), kept as close to the others as that allows.
MODEL_BUILDS_MAX_EXPOSURE = 2.5
# What the model units allow beyond the others, for their sandboxes (SPEC §11; each unit says why).
MODEL_UNITS = {"peek-model-builds.service": {"PrivateNetwork": "no",
                                             "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6 AF_NETLINK"},
               "peek-model-runs.service": {"RestrictAddressFamilies": "AF_UNIX AF_NETLINK"}}

UNIT_FILES = sorted(os.path.basename(path) for path in glob.glob(os.path.join(UNIT_DIR, "*"))
                    if path.endswith((".service", ".timer", ".target")))
SERVICES = [name for name in UNIT_FILES if name.endswith(".service")]
# The services that start the analysis process (Foundation's Process).
WORKER_SERVICES = ["peek-worker@.service", "peek-worker-once.service"]
# Instances to verify for templates.
INSTANCES = {"peek-fn@.service": ["peek-fn@health.service", "peek-fn@analyze.service",
                                  "peek-fn@results.service", "peek-fn@image.service"],
             "peek-worker@.service": ["peek-worker@1.service", "peek-worker@2.service"]}


def unit(name):
    """The unit file as {section: {key: [values…]}} (systemd keys may repeat)."""
    sections = {}
    current = None
    with open(os.path.join(UNIT_DIR, name)) as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                current = sections.setdefault(line.strip("[]"), {})
                continue
            key, _, value = line.partition("=")
            current.setdefault(key, []).append(value)
    return sections


def exposure(path):
    result = run(["systemd-analyze", "security", "--offline=yes", "--no-pager", path], check=False)
    match = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout + result.stderr)
    assert match, f"no exposure level in:\n{result.stdout}\n{result.stderr}"
    return float(match.group(1))


def test_the_expected_units_are_shipped():
    assert set(UNIT_FILES) == {"peek.target", "peek-migrate.service", "peek-fn@.service", "peek-worker@.service",
                               "peek-worker-once.service", "peek-worker-once.timer", *MODEL_UNITS}


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_scores_ok_or_better_in_systemd_analyze_security(name):
    level = exposure(os.path.join(UNIT_DIR, name))
    print(f"{name}: exposure {level}")
    limit = MODEL_BUILDS_MAX_EXPOSURE if name == "peek-model-builds.service" else MAX_EXPOSURE
    assert level <= limit, f"{name} exposure {level} > {limit}"


@pytest.mark.parametrize("name", UNIT_FILES)
def test_systemd_analyze_verify_reports_nothing(name, verify_root):
    names = INSTANCES.get(name, [name])
    result = run(["systemd-analyze", "verify", f"--root={verify_root}", *names], check=False, cwd="/")
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and output == "", output


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_runs_as_peek_without_privileges_network_or_a_writable_system(name):
    service = unit(name)["Service"]
    expected = {
        "User": "peek", "Group": "peek", "NoNewPrivileges": "yes", "CapabilityBoundingSet": "",
        "ProtectSystem": "strict", "PrivateTmp": "yes", "PrivateNetwork": "yes", "PrivateDevices": "yes",
        "RestrictAddressFamilies": "AF_UNIX", "StateDirectory": "peek", "RuntimeDirectory": "peek",
        "RuntimeDirectoryMode": "0750", "StateDirectoryMode": "0750", "UMask": "0027",
        **MODEL_UNITS.get(name, {}),
    }
    if name in WORKER_SERVICES:
        # Foundation's Process is told of its child's end through a UDP pair on 127.0.0.1 (CFSocket):
        # the private network's own loopback, nothing else.
        expected.update({"RestrictAddressFamilies": "AF_UNIX AF_INET", "IPAddressAllow": "localhost"})
    for key, value in expected.items():
        assert service.get(key) == [value], f"{name}: {key}={service.get(key)}"
    assert "@system-service" in service["SystemCallFilter"]
    # Several units share /run/peek: stopping one must not remove the others' sockets.
    assert service["RuntimeDirectoryPreserve"] == ["yes"]


@pytest.mark.parametrize("name", ["peek-fn@.service", "peek-worker@.service", "peek-worker-once.service", *MODEL_UNITS])
def test_handlers_and_workers_start_only_after_the_migration(name):
    sections = unit(name)["Unit"]
    assert "peek-migrate.service" in sections.get("Requires", [])
    assert "peek-migrate.service" in sections.get("After", [])


def test_the_migration_stays_active_so_restarting_it_restarts_its_dependents_once():
    service = unit("peek-migrate.service")["Service"]
    assert service["Type"] == ["oneshot"] and service["RemainAfterExit"] == ["yes"]
    assert service["ExecStart"] == ["/usr/local/lib/peek/bin/peek-admin migrate"]


def test_the_worker_restarts_on_failure_has_limits_and_gets_time_to_release_its_job():
    service = unit("peek-worker@.service")["Service"]
    assert service["Restart"] == ["on-failure"]
    assert service["MemoryMax"] and service["CPUQuota"]
    # SIGTERM to the worker only, so the analysis child is not killed under it; and more time
    # than one job may take (PEEK_JOB_TIMEOUT_SECONDS, 60 s by default) before SIGKILL.
    assert service["KillMode"] == ["mixed"]
    assert int(service["TimeoutStopSec"][0]) > 60


def test_each_pool_logs_to_the_journal_under_its_function_name():
    service = unit("peek-fn@.service")["Service"]
    assert service["SyslogIdentifier"] == ["fn-%i"]
    assert service["ExecStart"] == ["/usr/local/lib/peek/bin/peek-pool fn-%i"]
    assert unit("peek-worker@.service")["Service"]["SyslogIdentifier"] == ["peek-worker-%i"]


def test_every_unit_but_the_timer_pair_belongs_to_peek_target():
    for name in ["peek-migrate.service", "peek-fn@.service", "peek-worker@.service"]:
        sections = unit(name)
        assert sections["Unit"]["PartOf"] == ["peek.target"], name
        assert sections["Install"]["WantedBy"] == ["peek.target"], name
    assert unit("peek-worker-once.timer")["Timer"]["OnUnitInactiveSec"]


def test_analyses_model_builds_and_model_runs_drain_in_services_of_their_own():
    """The analysis workers keep their sandbox as it was (no namespaces, no network); only the
    model units allow what bubblewrap needs, and only the builds reach the network (never this
    machine's own addresses)."""
    binary = "/usr/local/lib/peek/bin/peek-worker"
    assert unit("peek-worker@.service")["Service"]["ExecStart"] == [f"{binary} run --only analyses"]
    assert unit("peek-worker-once.service")["Service"]["ExecStart"] == [f"{binary} run --once --only analyses"]
    assert unit("peek-worker@.service")["Service"]["RestrictNamespaces"] == ["yes"]
    runs, builds = unit("peek-model-runs.service")["Service"], unit("peek-model-builds.service")["Service"]
    assert runs["ExecStart"] == [f"{binary} run --only runs"] and builds["ExecStart"] == [f"{binary} run --only builds"]
    assert runs["PrivateNetwork"] == ["yes"] and runs["IPAddressDeny"] == ["any"]
    assert builds["IPAddressDeny"] == ["localhost link-local multicast"]
    for service in (runs, builds):
        assert service["RestrictNamespaces"] == ["user mnt pid net ipc uts cgroup"]
        assert service["NoNewPrivileges"] == ["yes"] and service["CapabilityBoundingSet"] == [""]
