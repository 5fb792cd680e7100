"""`deploy/install.sh install --role worker` into a root prefix: a second machine's workers and
peek-admin on the first machine's PostgreSQL, nothing of nginx or the pools; refused without a
PostgreSQL database, which is the only one machines can share."""
import os

import pytest

from deploy_support import ACTIONS, ENV_FILE, INSTALLED_UNIT_DIR, LIB_DIR, MANIFEST, SITE, install, read_manifest, \
    require_release_build

DATABASE = "postgresql://peek:secret@db.example.org:5432/peek"
DROPIN = "50-peek-database-network.conf"


@pytest.fixture
def fresh_root(tmp_path):
    require_release_build()
    return tmp_path / "root"


def actions(root):
    with open(os.path.join(root, ACTIONS)) as handle:
        return [line.rstrip("\n") for line in handle]


def worker_install(root, database=DATABASE, check=True):
    env = {"PEEK_DATABASE_URL": database} if database is not None else {}
    return install(root, "install", "--role", "worker", env=env, check=check)


def test_a_worker_machine_without_a_database_url_is_refused_before_anything_is_installed(fresh_root):
    result = worker_install(fresh_root, database=None, check=False)
    assert result.returncode != 0
    assert "PEEK_DATABASE_URL=postgresql://" in result.stderr
    assert "SQLite cannot be shared across machines" in result.stderr
    assert not os.path.exists(os.path.join(fresh_root, MANIFEST))


def test_a_database_url_that_is_not_postgresql_is_refused(fresh_root):
    result = worker_install(fresh_root, database="sqlite:///var/lib/peek/peek.sqlite", check=False)
    assert result.returncode != 0 and "postgresql://" in result.stderr
    assert not os.path.exists(os.path.join(fresh_root, MANIFEST))


def test_a_worker_machine_gets_the_workers_and_peek_admin_and_nothing_of_the_web_side(fresh_root):
    worker_install(fresh_root)
    manifest = read_manifest(fresh_root)
    programs = sorted(os.path.basename(path) for path in manifest if path.startswith("/usr/local/lib/peek/bin/"))
    assert programs == ["peek-admin", "peek-worker"]
    units = sorted(os.path.basename(path) for path, (kind, *_) in manifest.items()
                   if kind == "f" and os.path.dirname(path) == "/" + INSTALLED_UNIT_DIR)
    assert units == ["peek-migrate.service", "peek-model-builds.service", "peek-model-runs.service",
                     "peek-worker-once.service", "peek-worker-once.timer", "peek-worker@.service", "peek.target"]
    assert "/usr/local/bin/peek-admin" in manifest
    for absent in ["/" + SITE, "/etc/nginx/sites-enabled/peek", "/usr/local/share/peek/static",
                   "/usr/local/lib/peek/bin/peek-pool", "/usr/local/share/peek/functions"]:
        assert absent not in manifest, absent
        assert not os.path.lexists(os.path.join(fresh_root, absent.lstrip("/"))), absent
    # The settings name the shared database, readable by root and the peek group only.
    settings = open(os.path.join(fresh_root, ENV_FILE)).read()
    assert f"PEEK_DATABASE_URL={DATABASE}\n" in settings
    assert manifest["/etc/peek/peek.env"] == ("f", "0640", "root", "peek")


def test_a_worker_machine_enables_only_the_workers_and_touches_no_nginx(fresh_root):
    worker_install(fresh_root)
    recorded = actions(fresh_root)
    enable = next(line for line in recorded if line.startswith("systemctl enable ")).split()
    assert "peek-worker@1.service" in enable and "peek-worker@2.service" in enable
    assert "peek-migrate.service" in enable and "peek.target" in enable
    assert not [unit for unit in enable if unit.startswith("peek-fn@")]
    assert not [line for line in recorded if "nginx" in line or "www-data" in line]
    assert recorded[0].startswith("useradd --system")


def test_a_database_on_another_host_lets_the_services_reach_the_network_and_nothing_else_changes(fresh_root):
    worker_install(fresh_root)
    for unit in ["peek-worker@.service", "peek-migrate.service", "peek-worker-once.service"]:
        dropin = os.path.join(fresh_root, INSTALLED_UNIT_DIR, unit + ".d", DROPIN)
        assert os.path.exists(dropin), unit
        text = open(dropin).read()
        assert "PrivateNetwork=no" in text and "AF_INET" in text
    assert not os.path.exists(os.path.join(fresh_root, INSTALLED_UNIT_DIR, "peek.target.d"))


def test_rerunning_reads_the_database_from_the_settings_and_keeps_them(fresh_root):
    worker_install(fresh_root)
    env_path = os.path.join(fresh_root, ENV_FILE)
    with open(env_path, "a") as handle:
        handle.write("PEEK_WORKERS=3\n")
    result = worker_install(fresh_root, database=None)
    assert "keeping /etc/peek/peek.env" in result.stderr
    assert open(env_path).read().endswith("PEEK_WORKERS=3\n")
    recorded = actions(fresh_root)
    assert ("systemctl stop peek-worker@*.service peek-worker-once.timer peek-worker-once.service "
            "peek-model-builds.service peek-model-runs.service") in recorded
    enable = next(line for line in recorded if line.startswith("systemctl enable ")).split()
    assert "peek-worker@3.service" in enable


def test_settings_without_the_database_are_refused_on_a_rerun(fresh_root):
    worker_install(fresh_root)
    env_path = os.path.join(fresh_root, ENV_FILE)
    kept = [line for line in open(env_path) if not line.startswith("PEEK_DATABASE_URL=")]
    open(env_path, "w").writelines(kept)
    result = worker_install(fresh_root, database=None, check=False)
    assert result.returncode != 0
    assert "PEEK_DATABASE_URL=postgresql://… in /etc/peek/peek.env" in result.stderr


def test_a_machine_running_the_whole_of_peek_is_not_turned_into_a_worker(fresh_root):
    install(fresh_root, "install")
    result = worker_install(fresh_root, check=False)
    assert result.returncode != 0 and "uninstall it before installing --role worker" in result.stderr


def test_uninstalling_a_worker_machine_leaves_nginx_alone(fresh_root):
    worker_install(fresh_root)
    result = install(fresh_root, "uninstall", "--purge")
    assert "nginx" not in result.stdout and "gpasswd" not in result.stdout
    assert "would run: userdel peek" in result.stdout
    assert not os.path.exists(os.path.join(fresh_root, LIB_DIR))


def test_a_single_machine_on_a_local_postgresql_socket_keeps_its_units_off_the_network(fresh_root):
    install(fresh_root, "install")
    with open(os.path.join(fresh_root, ENV_FILE), "a") as handle:
        handle.write("PEEK_DATABASE_URL=postgresql:///peek?host=/run/postgresql\n")
    install(fresh_root, "install")
    assert not [name for name in os.listdir(os.path.join(fresh_root, INSTALLED_UNIT_DIR)) if name.endswith(".d")]
    # Moved to a database server: every service, the pools too, may reach it.
    with open(os.path.join(fresh_root, ENV_FILE), "a") as handle:
        handle.write(f"PEEK_DATABASE_URL={DATABASE}\n")
    install(fresh_root, "install")
    assert os.path.exists(os.path.join(fresh_root, INSTALLED_UNIT_DIR, "peek-fn@.service.d", DROPIN))


def test_blobs_in_an_s3_bucket_let_every_service_reach_the_network_and_files_take_it_back(fresh_root):
    install(fresh_root, "install")
    assert not [name for name in os.listdir(os.path.join(fresh_root, INSTALLED_UNIT_DIR)) if name.endswith(".d")]
    env_path = os.path.join(fresh_root, ENV_FILE)
    settings = open(env_path).read()
    with open(env_path, "a") as handle:
        handle.write("PEEK_BLOB_STORE=s3\nPEEK_S3_ENDPOINT=https://s3.example.org\nPEEK_S3_BUCKET=peek\n"
                     "PEEK_S3_REGION=auto\nPEEK_S3_ACCESS_KEY_ID=AKIDEXAMPLE\nPEEK_S3_SECRET_ACCESS_KEY=secret\n")
    install(fresh_root, "install")
    for unit in ["peek-fn@.service", "peek-worker@.service", "peek-migrate.service"]:
        assert os.path.exists(os.path.join(fresh_root, INSTALLED_UNIT_DIR, unit + ".d", DROPIN)), unit
    open(env_path, "w").write(settings)
    install(fresh_root, "install")
    assert not [name for name in os.listdir(os.path.join(fresh_root, INSTALLED_UNIT_DIR)) if name.endswith(".d")]
