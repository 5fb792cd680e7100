"""The installed programs and the rendered nginx site working under the VPS's permission model,
without systemd: nginx's workers run as www-data, the handlers and the worker as another user
(here `nobody`) whose group nginx's user shares (here www-data's own group, 33, standing in for
`peek`), with the units' umask 0027. Uploads must get through (nginx's body files are private
to www-data), blobs must reach nginx through X-Accel-Redirect, and the database must stay private."""
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time

import pytest
import requests

from deploy_support import LIB_DIR, free_port, install, png, require_release_build

SERVICE_UID = 65534  # nobody: not nginx's user
SHARED_GID = 33      # www-data's group: nginx's user is in it, as it is in `peek` on a VPS
FUNCTIONS = ["fn-health", "fn-analyze", "fn-results", "fn-image"]


def as_service(command, env, **kwargs):
    """Runs `command` as the stand-in for the `peek` user, with the units' umask."""
    wrapped = ["setpriv", f"--reuid={SERVICE_UID}", f"--regid={SHARED_GID}", "--clear-groups", "--",
               "sh", "-c", 'umask 0027 && exec "$@"', "sh", *command]
    return subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


@pytest.fixture(scope="module")
def vps():
    require_release_build()
    base = tempfile.mkdtemp(prefix="peek-vps-")
    os.chmod(base, 0o755)  # www-data must traverse it, as it traverses / on a VPS
    root = os.path.join(base, "root")
    port = free_port()
    install(root, "install", env={"PEEK_LISTEN": f"127.0.0.1:{port}", "PEEK_SERVER_NAME": "localhost"})
    data, run = os.path.join(base, "data"), os.path.join(base, "run")
    for directory in (data, run):
        os.mkdir(directory, 0o750)
        os.chown(directory, SERVICE_UID, SHARED_GID)
        os.chmod(directory, 0o750)

    # The installed site, with the system paths moved into the test's directory.
    site = open(os.path.join(root, "etc/nginx/sites-available/peek")).read()
    site = (site.replace("/usr/local/share/peek/", f"{root}/usr/local/share/peek/")
            .replace("/run/peek/", f"{run}/").replace("/var/lib/peek/", f"{data}/"))
    with open(os.path.join(base, "peek-site.conf"), "w") as handle:
        handle.write(site)
    with open(os.path.join(base, "nginx.conf"), "w") as handle:
        handle.write(f"""user www-data www-data;
pid {base}/nginx.pid;
error_log {base}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {base}/nginx-body;
    proxy_temp_path {base}/nginx-proxy;
    fastcgi_temp_path {base}/nginx-fastcgi;
    uwsgi_temp_path {base}/nginx-uwsgi;
    scgi_temp_path {base}/nginx-scgi;
    include {base}/peek-site.conf;
}}
""")
    bin_dir = os.path.join(root, LIB_DIR, "bin")
    env = {"PATH": "/usr/bin:/bin", "PEEK_DATA_DIR": data, "PEEK_RUN_DIR": run,
           "LD_LIBRARY_PATH": os.path.join(root, LIB_DIR, "lib"), "SWIFT_BACKTRACE": "enable=no",
           "PEEK_POOL_HEALTH": "1", "PEEK_POOL_ANALYZE": "2", "PEEK_POOL_RESULTS": "1", "PEEK_POOL_IMAGE": "1"}
    processes = []
    try:
        migrate = as_service([os.path.join(bin_dir, "peek-admin"), "migrate"], env)
        assert migrate.wait(timeout=60) == 0, migrate.stderr.read()
        for name in FUNCTIONS:
            processes.append(as_service([os.path.join(bin_dir, "peek-pool"), name], env))
        if os.path.exists(os.path.join(bin_dir, "peek-worker")):
            processes.append(as_service([os.path.join(bin_dir, "peek-worker")], env))
        deadline = time.time() + 20
        while time.time() < deadline and not all(os.path.exists(f"{run}/{name}.sock") for name in FUNCTIONS):
            time.sleep(0.1)
        subprocess.run(["nginx", "-e", f"{base}/nginx-error.log", "-c", f"{base}/nginx.conf"], check=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                if requests.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        yield {"url": url, "data": data, "run": run, "base": base,
               "worker": os.path.exists(os.path.join(bin_dir, "peek-worker"))}
    finally:
        if os.path.exists(f"{base}/nginx.pid"):
            os.kill(int(open(f"{base}/nginx.pid").read()), signal.SIGQUIT)
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        time.sleep(0.5)
        shutil.rmtree(base, ignore_errors=True)


def test_health_answers_through_the_socket_nginx_reaches_by_group(vps):
    response = requests.get(vps["url"] + "/api/health", timeout=5)
    assert response.status_code == 200, response.text + open(vps["base"] + "/nginx-error.log").read()
    for name in FUNCTIONS:
        socket_path = f"{vps['run']}/{name}.sock"
        info = os.stat(socket_path)
        assert stat.S_IMODE(info.st_mode) == 0o660 and info.st_uid == SERVICE_UID and info.st_gid == SHARED_GID


def test_an_upload_reaches_fn_analyze_and_its_original_comes_back_through_nginx(vps):
    image = png(120, 80, "vps")
    response = requests.post(vps["url"] + "/api/analyze", files={"image": ("a.png", image, "image/png")}, timeout=30)
    assert response.status_code == 202, response.text
    image_id = response.json()["id"]
    original = requests.get(f"{vps['url']}/api/image/{image_id}/original", timeout=10)
    assert original.status_code == 200, original.text
    assert hashlib.sha256(original.content).digest() == hashlib.sha256(image).digest()
    if vps["worker"]:
        deadline = time.time() + 60
        while time.time() < deadline:
            result = requests.get(f"{vps['url']}/api/results/{image_id}", timeout=10).json()
            if result["status"] != "processing":
                break
            time.sleep(0.2)
        assert result["status"] == "completed", result
        annotated = requests.get(f"{vps['url']}/api/image/{image_id}/annotated", timeout=10)
        assert annotated.status_code == 200 and annotated.content[:2] == b"\xff\xd8"


def test_the_database_is_private_and_the_blobs_are_readable_by_the_group_only(vps):
    # (Runs after the upload above: module order.)
    for name in ["peek.sqlite", "peek.sqlite-wal", "peek.sqlite-shm"]:
        path = os.path.join(vps["data"], name)
        if os.path.exists(path):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, name
    blobs = []
    for directory, _, files in os.walk(os.path.join(vps["data"], "blobs")):
        assert stat.S_IMODE(os.stat(directory).st_mode) & 0o007 == 0, directory
        blobs += [os.path.join(directory, name) for name in files]
    assert blobs
    for path in blobs:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o640, path
