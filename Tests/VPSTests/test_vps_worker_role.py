"""The README's "Scaling out" on real systemd: the VPS moved onto PostgreSQL (in the same machine,
over TCP, so the units' network drop-in is used), then a second machine installed with
`install.sh install --role worker` does the analyses. The two machines share one network (each
sees the other's services on 127.0.0.1) and the data directory /var/lib/peek (a bind mount
standing in for NFS: blobs are written in its tmp/ and renamed into blobs/, so both must be one
file system).
Runs after test_vps.py, on its machine."""
import os

import pytest

from vps_machine import Machine
from vps_support import TREE, exposure, exposure_limit, journal, peek_services, timed, upload_noise, wait_until_done

DATABASE = "postgresql://peek:vps-test-password@127.0.0.1:5432/peek"


@pytest.fixture(scope="module")
def web(vps):
    """The first machine on PostgreSQL, as the README's steps move it there."""
    with timed("web machine onto PostgreSQL"):
        vps.run("systemctl start postgresql && until pg_isready -q -h 127.0.0.1; do sleep 0.2; done")
        vps.run("sudo -u postgres psql -q -c \"CREATE ROLE peek LOGIN PASSWORD 'vps-test-password'\"")
        vps.run("sudo -u postgres createdb --owner peek peek")
        vps.run(f"echo 'PEEK_DATABASE_URL={DATABASE}' >> /etc/peek/peek.env")
        vps.run(f"cd {TREE} && PEEK_SKIP_BUILD=1 PEEK_SERVER_NAME=peek.example.org ./deploy/install.sh install")
    return vps


@pytest.fixture(scope="module")
def worker(web):
    """A second machine: the packed tree installed with --role worker, on the first one's database."""
    data = os.path.join(web.merged, "var/lib/peek")
    machine = Machine(web.root, f"peek-worker-{os.getpid()}", network_of=web, binds=[(data, "/var/lib/peek")])
    # A worker machine has no web server; the shared root carries nginx only because the first
    # machine needs it, and both would listen on the one network's port 80.
    os.symlink("/dev/null", os.path.join(machine.merged, "etc/systemd/system/nginx.service"))
    try:
        with timed("worker machine: boot and install --role worker"):
            machine.boot()
            machine.copy_in(web.archive, "/root/peek.tar")
            machine.run("tar -C /root -xf /root/peek.tar && rm /root/peek.tar")
            machine.install_output = machine.run(
                f"cd {TREE} && PEEK_SKIP_BUILD=1 PEEK_DATABASE_URL='{DATABASE}' ./deploy/install.sh install --role worker")
        yield machine
    finally:
        machine.shutdown()


def test_the_web_machine_runs_on_postgresql_with_its_units_on_the_network(web):
    status, health = web.json("GET", "/api/health")
    assert status == 200 and health["status"] == "ok" and health["database"] == "connected"
    for service in peek_services(web):
        assert web.run(f"systemctl show -p PrivateNetwork --value {service}").stdout.strip() == "no", service
        assert exposure(web, service) <= exposure_limit(service), service
    results = wait_until_done(web, upload_noise(web, [600, 601]))
    assert all(result["status"] == "completed" for result in results.values())
    assert web.run("sudo -u postgres psql -tA -c 'SELECT count(*) FROM images' peek").stdout.strip() == "2"


def test_a_worker_machine_without_a_postgresql_database_is_refused(worker):
    result = worker.run(f"cd {TREE} && env -u PEEK_DATABASE_URL PEEK_SKIP_BUILD=1 ./deploy/install.sh install "
                        "--role worker", check=False)
    assert result.returncode == 0, "its peek.env names the database already: a rerun is an upgrade"
    worker.run("cp /etc/peek/peek.env /root/peek.env.saved && sed -i '/^PEEK_DATABASE_URL=/d' /etc/peek/peek.env")
    refused = worker.run(f"cd {TREE} && PEEK_SKIP_BUILD=1 ./deploy/install.sh install --role worker", check=False)
    worker.run("cp /root/peek.env.saved /etc/peek/peek.env")
    assert refused.returncode != 0 and "SQLite cannot be shared across machines" in refused.stderr


def test_the_worker_machine_runs_only_workers(worker):
    assert peek_services(worker) == ["peek-migrate.service", "peek-model-builds.service", "peek-model-runs.service",
                                     "peek-worker@1.service", "peek-worker@2.service"]
    states = worker.run("systemctl is-active peek.target peek-migrate peek-model-builds peek-model-runs "
                        "peek-worker@1 peek-worker@2").stdout.split()
    assert states == ["active"] * 6
    assert worker.run("ls /usr/local/lib/peek/bin").stdout.split() == ["peek-admin", "peek-worker"]
    assert not os.path.exists(os.path.join(worker.merged, "etc/nginx/sites-enabled/peek"))


def test_uploads_to_the_web_machine_are_analysed_by_the_worker_machine(web, worker):
    web.run("systemctl disable --now peek-worker@1 peek-worker@2")
    ids = upload_noise(web, range(610, 616))
    try:
        results = wait_until_done(web, ids, timeout=60)
    except AssertionError as stuck:
        raise AssertionError(f"{stuck}\non the worker machine:\n{journal(worker, '-u peek-worker@1 -u peek-migrate')}")
    assert all(result["status"] == "completed" for result in results.values())
    done_there = journal(worker, "-u 'peek-worker@*'")
    assert all(image_id in done_there for image_id in ids)
    # The blobs the worker wrote (annotated copy, renditions) are served by the web machine's nginx.
    for name in ("annotated", "thumbnail", "web"):
        status, _, _ = web.http("GET", results[ids[0]]["links"][name], output="/dev/null")
        assert status == 200, name


def test_peek_admin_on_either_machine_uses_the_shared_database(web, worker):
    web.run("echo 'another horse battery staple' | sudo -u peek peek-admin user add bob")
    assert "bob" in worker.run("sudo -u peek peek-admin user list").stdout
