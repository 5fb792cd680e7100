"""deploy/install.sh run into a root prefix (DESTDIR): the tree, owners and modes it creates, the
commands it would run on a real machine, upgrades that keep the admin's edits, and uninstall."""
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import time

import pytest

from deploy_support import (ACTIONS, BUILD_DIR, ENV_FILE, INSTALL, INSTALLED_UNIT_DIR, LIB_DIR, MANIFEST, ROOT,
                            SITE, install, read_manifest, require_release_build, run)

FUNCTIONS = ["health", "analyze", "results", "image"]
WORKER_BUILT = os.access(os.path.join(BUILD_DIR, "peek-worker"), os.X_OK)


@pytest.fixture
def fresh_root(tmp_path):
    require_release_build()
    return tmp_path / "root"


def actions(root):
    with open(os.path.join(root, ACTIONS)) as handle:
        return [line.rstrip("\n") for line in handle]


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_the_tree_has_every_program_unit_and_setting_with_the_intended_owner_and_mode(installed_root):
    manifest = read_manifest(installed_root)
    expected = {
        "/usr/local/lib/peek/bin/peek-admin": ("f", "0755", "root", "root"),
        "/usr/local/lib/peek/bin/peek-pool": ("f", "0755", "root", "root"),
        "/usr/local/bin/peek-admin": ("f", "0755", "root", "root"),
        "/usr/local/lib/systemd/system/peek-fn@.service": ("f", "0644", "root", "root"),
        "/usr/local/lib/systemd/system/peek-worker@.service": ("f", "0644", "root", "root"),
        "/usr/local/lib/systemd/system/peek-model-builds.service": ("f", "0644", "root", "root"),
        "/usr/local/lib/systemd/system/peek-model-runs.service": ("f", "0644", "root", "root"),
        "/usr/local/lib/systemd/system/peek-migrate.service": ("f", "0644", "root", "root"),
        "/usr/local/lib/systemd/system/peek.target": ("f", "0644", "root", "root"),
        "/usr/local/share/peek/nginx/fastcgi_params.peek": ("f", "0644", "root", "root"),
        "/etc/peek/peek.env": ("f", "0640", "root", "peek"),
        "/etc/nginx/sites-available/peek": ("f", "0644", "root", "root"),
        "/etc/nginx/sites-enabled/peek": ("l", "0777", "root", "root"),
        # The data directory is Peek's alone; nginx's user reaches it through the peek group.
        "/var/lib/peek": ("d", "0750", "peek", "peek"),
        "/var/lib/peek/blobs": ("d", "0750", "peek", "peek"),
        "/var/lib/peek/tmp": ("d", "0750", "peek", "peek"),
    }
    for name in ["fn-health", "fn-analyze", "fn-results", "fn-image"] + (["peek-worker"] if WORKER_BUILT else []):
        expected[f"/usr/local/lib/peek/bin/{name}"] = ("f", "0755", "root", "root")
    for path, entry in expected.items():
        assert manifest.get(path) == entry, f"{path}: {manifest.get(path)}"
    # The modes are applied in the tree too, and everything listed is there.
    for path, (kind, mode, _, _) in manifest.items():
        local = os.path.join(installed_root, path.lstrip("/"))
        assert os.path.lexists(local), path
        if kind != "l":
            assert mode_of(local) == int(mode, 8), f"{path}: {oct(mode_of(local))} != {mode}"
    assert os.readlink(os.path.join(installed_root, "etc/nginx/sites-enabled/peek")) == "/etc/nginx/sites-available/peek"


def test_every_installed_file_is_in_the_manifest_so_uninstall_can_find_it(installed_root):
    manifest = read_manifest(installed_root)
    ignored = {"/" + MANIFEST, "/" + ACTIONS}
    for directory, folders, files in os.walk(installed_root):
        relative = "/" + os.path.relpath(directory, installed_root)
        if relative.startswith(("/usr/lib", "/lib")):  # the host's units, copied in for `verify`
            continue
        for name in files + [f for f in folders if os.path.islink(os.path.join(directory, f))]:
            path = os.path.normpath(os.path.join(relative, name))
            assert path in manifest or path in ignored, f"{path} is installed but not in the manifest"


def test_the_swift_runtime_is_bundled_so_the_programs_outlive_the_toolchain(installed_root):
    runtime = os.path.join(installed_root, LIB_DIR, "lib")
    program = os.path.join(installed_root, LIB_DIR, "bin", "fn-health")
    linked = run(["ldd", program], env={"LD_LIBRARY_PATH": runtime}).stdout
    swift_libraries = [line.split() for line in linked.splitlines() if "libswiftCore" in line or "libFoundation" in line]
    assert swift_libraries
    for name, _, path, *_ in swift_libraries:
        assert path.startswith(runtime + "/"), f"{name} resolves to {path}, not the bundled runtime"
    admin = run([os.path.join(installed_root, LIB_DIR, "bin", "peek-admin"), "--help"],
                env={"LD_LIBRARY_PATH": runtime})
    assert "backup" in admin.stdout and "restore" in admin.stdout and "check" in admin.stdout
    wrapper = open(os.path.join(installed_root, "usr/local/bin/peek-admin")).read()
    assert "LD_LIBRARY_PATH=/usr/local/lib/peek/lib exec /usr/local/lib/peek/bin/peek-admin" in wrapper


def test_a_root_prefix_install_records_the_system_changes_instead_of_making_them(installed_root):
    recorded = actions(installed_root)
    assert recorded[0].startswith("useradd --system --user-group --home-dir /var/lib/peek")
    assert recorded[0].endswith(" peek")
    assert "usermod --append --groups peek www-data" in recorded
    enable = next(line for line in recorded if line.startswith("systemctl enable "))
    for name in FUNCTIONS:
        assert f"peek-fn@{name}.service" in enable.split()
    assert "peek.target" in enable.split() and "peek-migrate.service" in enable.split()
    assert ("peek-worker@1.service" in enable.split()) == WORKER_BUILT
    assert ("peek-model-builds.service" in enable.split() and "peek-model-runs.service" in enable.split()) == WORKER_BUILT
    # nginx is checked before it is reloaded, and only after the units started.
    assert recorded.index("nginx -t -q") < recorded.index("systemctl reload-or-restart nginx.service")
    assert recorded.index("systemctl start peek.target") < recorded.index("nginx -t -q")
    # A first install is no upgrade: nothing to stop, no forced migration restart.
    assert not any("stop" in line for line in recorded)


def test_a_root_prefix_install_leaves_the_real_machine_alone(fresh_root):
    watched = ["/etc/passwd", "/etc/group", "/etc/peek", "/usr/local/lib/peek", "/etc/nginx/sites-enabled/peek",
               "/usr/local/lib/systemd/system/peek-fn@.service", "/var/lib/peek"]

    def snapshot():
        state = {}
        for path in watched:
            if os.path.isfile(path):
                state[path] = hashlib.sha256(open(path, "rb").read()).hexdigest()
            else:
                state[path] = os.path.exists(path)
        return state

    before = snapshot()
    install(fresh_root, "install")
    assert snapshot() == before


def test_the_site_is_rendered_for_the_system_nginx_and_passes_nginx_t(fresh_root, tmp_path):
    install(fresh_root, "install", env={"PEEK_SERVER_NAME": "peek.example.org", "PEEK_LISTEN": "8081"})
    site = open(os.path.join(fresh_root, SITE)).read()
    assert "server_name  peek.example.org;" in site
    assert "listen       8081;" in site
    assert "server unix:/run/peek/fn-analyze.sock;" in site
    assert "alias  /var/lib/peek/blobs/;" in site
    assert "root         /usr/local/share/peek/static;" in site
    # nginx writes body files 0600 as its own user, which the functions' user cannot read: on a
    # VPS the body goes over the socket instead of as a file path.
    assert "REQUEST_BODY_FILE" not in site and "client_body_in_file_only" not in site
    # The system nginx loads sites inside http {}; check it the same way, with the include of
    # the installed fastcgi_params pointed into the root prefix.
    staged = site.replace("/usr/local/share/peek/", f"{fresh_root}/usr/local/share/peek/")
    (tmp_path / "peek-site.conf").write_text(staged)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n"
        f"  include {tmp_path}/peek-site.conf;\n}}\n")
    result = run(["nginx", "-t", "-q", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                 check=False)
    assert result.returncode == 0, result.stderr


def test_installing_again_is_an_upgrade_that_keeps_the_admins_settings_and_site_edits(fresh_root):
    install(fresh_root, "install")
    first_manifest = read_manifest(fresh_root)
    env_path = os.path.join(fresh_root, ENV_FILE)
    site_path = os.path.join(fresh_root, SITE)
    with open(env_path, "a") as env:
        env.write("PEEK_POOL_ANALYZE=8\n")
    edited_site = open(site_path).read().replace("listen       80;", "listen       443 ssl; # managed by Certbot")
    open(site_path, "w").write(edited_site)

    result = install(fresh_root, "install")

    upgraded_manifest = read_manifest(fresh_root)
    assert upgraded_manifest.pop("/etc/nginx/sites-available/peek.new") == ("f", "0644", "root", "root")
    assert upgraded_manifest == first_manifest
    assert open(env_path).read().endswith("PEEK_POOL_ANALYZE=8\n")
    assert open(site_path).read() == edited_site
    assert os.path.exists(site_path + ".new") and "keeping the edited" in result.stderr
    recorded = actions(fresh_root)
    # Workers stop first (each releases or finishes its job), the migration runs once, and its
    # restart brings the pools back on the new programs; then everything is started.
    stop = recorded.index("systemctl stop peek-worker@*.service peek-worker-once.timer peek-worker-once.service "
                          "peek-model-builds.service peek-model-runs.service")
    migrate = recorded.index("systemctl restart peek-migrate.service")
    assert stop < recorded.index("systemctl daemon-reload") < migrate < recorded.index("systemctl start peek.target")
    assert not any(line.startswith("useradd") for line in recorded[1:]), "the user is created once"


def test_an_unedited_site_is_replaced_on_upgrade(fresh_root):
    install(fresh_root, "install")
    install(fresh_root, "install", env={"PEEK_SERVER_NAME": "new.example.org"})
    assert "server_name  new.example.org;" in open(os.path.join(fresh_root, SITE)).read()
    assert not os.path.exists(os.path.join(fresh_root, SITE) + ".new")


def test_uninstall_keeps_data_and_settings_and_purge_removes_them(fresh_root):
    install(fresh_root, "install")
    blob = fresh_root / "var/lib/peek/blobs/ab/cd/upload"
    blob.parent.mkdir(parents=True)
    blob.write_bytes(b"someone's upload")

    result = install(fresh_root, "uninstall")
    assert "would run: systemctl disable --now peek.target" in result.stdout
    assert blob.exists() and (fresh_root / ENV_FILE).exists()
    for gone in [LIB_DIR, INSTALLED_UNIT_DIR + "/peek-fn@.service", SITE, "etc/nginx/sites-enabled/peek",
                 "usr/local/bin/peek-admin", "usr/local/share/peek"]:
        assert not os.path.lexists(fresh_root / gone), gone

    install(fresh_root, "install")
    result = install(fresh_root, "uninstall", "--purge")
    assert "would run: userdel peek" in result.stdout
    leftovers = [os.path.join(directory, name) for directory, _, files in os.walk(fresh_root) for name in files]
    assert leftovers == []
    assert not (fresh_root / "var/lib/peek").exists() and not (fresh_root / "etc/peek").exists()


def test_a_pool_runs_n_handlers_on_a_socket_only_its_group_can_use_and_stops_promptly(installed_root, tmp_path):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    data_dir = tmp_path / "data"
    env = dict(os.environ, PEEK_RUN_DIR=str(run_dir), PEEK_DATA_DIR=str(data_dir), PEEK_POOL_HEALTH="3",
               SWIFT_BACKTRACE="enable=no")
    pool = subprocess.Popen([os.path.join(installed_root, LIB_DIR, "bin", "peek-pool"), "fn-health"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        socket_path = run_dir / "fn-health.sock"
        deadline = time.time() + 10
        while time.time() < deadline and not (socket_path.exists() and len(children(pool.pid)) == 3):
            time.sleep(0.1)
        assert socket_path.exists() and stat.S_ISSOCK(os.stat(socket_path).st_mode)
        assert mode_of(socket_path) == 0o660
        assert len(children(pool.pid)) == 3
        started = time.time()
        pool.send_signal(signal.SIGTERM)
        pool.wait(timeout=15)
        assert time.time() - started < 10
    finally:
        if pool.poll() is None:
            pool.kill()
            pool.wait()


def test_a_pool_size_that_is_not_a_number_is_refused(installed_root):
    result = run([os.path.join(installed_root, LIB_DIR, "bin", "peek-pool"), "fn-analyze"],
                 env={"PEEK_POOL_ANALYZE": "lots"}, check=False)
    assert result.returncode == 78 and "PEEK_POOL_ANALYZE=lots is not a positive integer" in result.stderr


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return handle.read().split()
    except FileNotFoundError:
        return []


def test_a_packed_tree_installs_with_its_own_swift_runtime(tmp_path):
    require_release_build()
    archive = tmp_path / "peek.tar"
    run([os.path.join(ROOT, "deploy", "install.sh"), "pack", str(archive)])
    members = run(["tar", "-tf", str(archive)]).stdout.split()
    for needed in ["peek/deploy/install.sh", "peek/deploy/systemd/peek-fn@.service", "peek/nginx/peek-site.conf.template",
                   "peek/static/index.html", "peek/Sources/fn-health/function.conf", "peek/.build/release/fn-health",
                   "peek/.build/release/peek-admin", "peek/.build/release/libswiftCore.so"]:
        assert needed in members, needed
    assert not [name for name in members if name.endswith(".swift")], "the sources stay on the build machine"
    run(["tar", "-C", str(tmp_path), "-xf", str(archive)])
    root = tmp_path / "root"
    installer = str(tmp_path / "peek/deploy/install.sh")
    # As on a VPS without Swift: the toolchain hidden (an empty folder mounted over it, in a mount
    # namespace of this command's own), the runtime comes from beside the packed programs.
    toolchain = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("swift") or "/opt/swift/usr/bin/swift")))
    command = ["unshare", "--mount", "sh", "-c", f'mount -t tmpfs none "{toolchain}" && exec "$0" install', installer]
    if os.geteuid() != 0:
        command = [installer, "install"]
    run(command, env={"DESTDIR": str(root), "PEEK_SKIP_BUILD": "1"})
    bundled = (root / LIB_DIR / "lib/libswiftCore.so").read_bytes()
    assert bundled == (tmp_path / "peek/.build/release/libswiftCore.so").read_bytes()
    assert (root / LIB_DIR / "bin/fn-health").exists()


def test_without_a_toolchain_or_a_packed_runtime_the_installer_names_what_is_missing(tmp_path):
    require_release_build()
    if os.geteuid() != 0:
        pytest.skip("hiding the toolchain needs a mount namespace (root)")
    toolchain = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("swift") or "/opt/swift/usr/bin/swift")))
    result = run(["unshare", "--mount", "sh", "-c", f'mount -t tmpfs none "{toolchain}" && exec "$0" install', INSTALL],
                 env={"DESTDIR": str(tmp_path / "root"), "PEEK_SKIP_BUILD": "1"}, check=False)
    assert result.returncode != 0
    assert "libswiftCore.so" in result.stderr and "deploy/install.sh pack" in result.stderr


def test_an_upgrade_without_the_site_settings_keeps_those_of_the_last_install(fresh_root):
    install(fresh_root, "install", env={"PEEK_SERVER_NAME": "peek.example.org", "PEEK_LISTEN": "8081"})
    # The README's upgrade command names neither.
    install(fresh_root, "install")
    site = open(os.path.join(fresh_root, SITE)).read()
    assert "server_name  peek.example.org;" in site and "listen       8081;" in site
    assert not os.path.exists(os.path.join(fresh_root, SITE) + ".new")
