"""The README's "Deploy on a VPS" on a real systemd: a Debian 12 machine booted by systemd-nspawn,
Peek installed by `deploy/install.sh install` from a packed tree (no Swift toolchain in the
machine), then every promise of that section checked in the order an admin meets them. The checks
share one machine and run in this file's order; each is one function, so a feature that lands
(the model sandbox, S3) adds its own."""
import io
import json
import re
import time
import zipfile

from vps_support import (FACE_PHOTO, UPGRADE_COMMAND, declared_functions, exposure, exposure_limit, journal,
                         peek_services, stop_workers, timed, unpack_and_install, upload_noise, wait_until_done)



def test_the_readme_install_command_installs_and_starts_peek(vps):
    assert "Peek is installed" in vps.install_output.stderr
    # From the machine's (local) Debian mirror, as on a fresh VPS, before any program ran.
    assert "installing Debian packages: spawn-fcgi multiwatch libfcgi-dev" in vps.install_output.stderr
    # The guest has no Swift toolchain: the programs run on the runtime the installer bundled.
    assert vps.run("command -v swift || ls /opt/swift", check=False).returncode != 0
    linked = vps.run("LD_LIBRARY_PATH=/usr/local/lib/peek/lib ldd /usr/local/lib/peek/bin/peek-worker").stdout
    assert "not found" not in linked
    assert "/usr/local/lib/peek/lib/libswiftCore.so" in linked


def test_every_unit_is_active(vps):
    services = peek_services(vps)
    expected = {"peek-migrate.service", "peek-worker@1.service", "peek-worker@2.service",
                "peek-model-builds.service", "peek-model-runs.service"}
    expected |= {f"peek-fn@{name.removeprefix('fn-')}.service" for name in declared_functions(vps)}
    assert set(services) == expected
    states = vps.run(f"systemctl is-active peek.target {' '.join(services)}", check=False).stdout.split()
    assert states == ["active"] * (len(services) + 1), dict(zip(["peek.target", *services], states))
    assert vps.run("systemctl --failed --no-legend --no-pager").stdout.strip() == ""


def test_the_hardening_is_in_force_and_rated_ok_by_systemd(vps):
    for service in peek_services(vps):
        level = exposure(vps, service)
        assert level <= exposure_limit(service), f"{service}: {level}"
        pid = vps.run(f"systemctl show -p MainPID --value {service}").stdout.strip()
        if pid == "0":  # peek-migrate has exited
            continue
        status = vps.run(f"cat /proc/{pid}/status").stdout
        assert re.search(r"^Uid:\s+(\d+)", status, re.M).group(1) != "0", service
        assert re.search(r"^CapEff:\s+0+$", status, re.M), service
        assert re.search(r"^NoNewPrivs:\s+1$", status, re.M), service
        assert re.search(r"^Seccomp:\s+2$", status, re.M), service
    # No network but the private loopback, and the system read-only, as the units say.
    worker = vps.run("systemctl show -p MainPID --value peek-worker@1").stdout.strip()
    assert vps.run(f"nsenter -t {worker} -n ip -o link").stdout.split(":")[1].strip() == "lo"
    assert vps.run(f"nsenter -t {worker} -m touch /usr/local/lib/peek/x", check=False).returncode != 0


def test_health_answers_through_the_system_nginx_on_port_80(vps):
    status, answer = vps.json("GET", "/api/health")
    assert status == 200, answer
    assert answer["status"] == "ok" and answer["database"] == "connected" and answer["worker"]["alive"]
    assert vps.run("ss -ltnp 'sport = :80'").stdout.count("nginx") >= 1
    status, content_type, page = vps.http("GET", "/")
    assert status == 200 and content_type.startswith("text/html") and "<script" in page


def test_an_upload_is_analysed_end_to_end_with_its_annotated_copy_and_renditions(vps):
    vps.copy_in(FACE_PHOTO, "/root/uploads/face.jpg")
    status, answer = vps.json("POST", "/api/analyze", form_file="/root/uploads/face.jpg")
    assert status == 202, answer
    result = wait_until_done(vps, [answer["id"]])[answer["id"]]
    assert result["status"] == "completed", result
    assert result["insights"]["faces_detected"] >= 1 and result["insights"]["format"] == "JPEG"
    for name, content_type in (("annotated", "image/jpeg"), ("thumbnail", "image/webp"), ("web", "image/webp"),
                               ("original", "image/jpeg")):
        status, served, _ = vps.http("GET", result["links"][name], output="/dev/null")
        assert (status, served) == (200, content_type), name
    # libvips (its orc JIT) and OpenCV's face finder under MemoryDenyWriteExecute, in the pools.
    status, served, _ = vps.http("GET", f"/api/image/{answer['id']}/t/resize:fill:120:120/gravity:face/format:webp",
                                 output="/dev/null")
    assert (status, served) == (200, "image/webp")
    status, served, _ = vps.http("POST", "/api/transform/grayscale/resize:fit:64:64/format:png",
                                 form_file="/root/uploads/face.jpg", output="/dev/null")
    assert (status, served) == (200, "image/png")


def test_a_killed_analysis_process_is_noticed_and_replaced(vps):
    wait_until_done(vps, upload_noise(vps, [100, 101, 102]))
    children = vps.run("pgrep -f '^/usr/local/lib/peek/bin/peek-worker analysis-process'").stdout.split()
    assert children
    vps.run(f"kill -KILL {' '.join(children)}")
    # Foundation's Process must see the child end (its CFSocket needs the loopback): the next
    # jobs start a new analysis process instead of waiting forever on the dead one.
    results = wait_until_done(vps, upload_noise(vps, [103, 104, 105, 106]), timeout=30)
    assert all(result["status"] == "completed" for result in results.values())
    assert "Could not create wakeup socket pair" not in journal(vps, "-u 'peek-worker@*'", since="-30min")


def test_logs_are_in_the_journal_under_each_programs_name(vps):
    assert "upload accepted" in journal(vps, "-t fn-analyze")
    assert "job completed" in journal(vps, "-u 'peek-worker@*'")
    assert "database ready: /var/lib/peek/peek.sqlite" in journal(vps, "-u peek-migrate", since="-30min")


def test_restarting_peek_target_loses_no_queued_upload(vps):
    stop_workers(vps)
    queued = upload_noise(vps, range(200, 206))
    status, health = vps.json("GET", "/api/health")
    assert health["queue"]["queued"] >= len(queued)
    with timed("systemctl restart peek.target"):
        vps.run("systemctl restart peek.target")
    results = wait_until_done(vps, queued)
    assert [results[image_id]["status"] for image_id in queued] == ["completed"] * len(queued)
    # And while the workers are busy: each finishes or hands back its job on SIGTERM.
    busy = upload_noise(vps, range(210, 222))
    vps.run("systemctl restart peek.target")
    results = wait_until_done(vps, busy)
    assert [results[image_id]["status"] for image_id in busy] == ["completed"] * len(busy)


def test_a_reboot_loses_no_queued_upload_and_starts_everything_again(vps):
    stop_workers(vps)
    queued = upload_noise(vps, range(300, 305))
    with timed("reboot of the machine"):
        vps.reboot()
    test_every_unit_is_active(vps)
    results = wait_until_done(vps, queued)
    assert [results[image_id]["status"] for image_id in queued] == ["completed"] * len(queued)


def test_the_readmes_backup_and_restore_commands_work(vps):
    kept = upload_noise(vps, [400, 401])
    wait_until_done(vps, kept)
    backup = "/var/backups/peek/vps-test"
    vps.run(f"sudo peek-admin backup {backup}")
    report = json.loads(vps.run(f"cat {backup}/backup.json").stdout)
    assert report, "backup.json is empty"
    after_backup = upload_noise(vps, [402])
    wait_until_done(vps, after_backup)
    # The README's restore, word for word.
    vps.run("sudo systemctl stop peek.target")
    vps.run("sudo mv /var/lib/peek /var/lib/peek.before-restore")
    vps.run("sudo install -d -o peek -g peek -m 0750 /var/lib/peek")
    vps.run(f"sudo peek-admin restore {backup}")
    vps.run("sudo systemctl start peek.target")
    for image_id in kept:
        status, answer = vps.json("GET", f"/api/results/{image_id}")
        assert status == 200 and answer["status"] == "completed"
        status, _, _ = vps.http("GET", answer["links"]["annotated"] if "annotated" in answer["links"]
                                else answer["links"]["original"], output="/dev/null")
        assert status == 200
    assert vps.json("GET", f"/api/results/{after_backup[0]}")[0] == 404
    assert vps.run("sudo peek-admin check").returncode == 0
    assert vps.run("stat -c %U:%G /var/lib/peek/peek.sqlite").stdout.strip() == "peek:peek"
    # Uploads go on after the restore.
    fresh = wait_until_done(vps, upload_noise(vps, [403]))
    assert all(result["status"] == "completed" for result in fresh.values())


def test_accounts_are_made_as_the_readme_says(vps):
    vps.run("echo 'correct horse battery staple' | sudo -u peek peek-admin user add alice")
    assert "alice" in vps.run("sudo -u peek peek-admin user list").stdout


# A package that needs nothing from the package index (the machine has no network): the build
# makes its environment, pip finds nothing to install, the smoke run and the run go through the
# sandbox as the units allow it (user namespaces, bubblewrap's mounts, setpriv, prlimit).
MODEL_PACKAGE = {
    "predict.py": (
        "import os, socket\n"
        "def reaches_nginx():\n"
        "    try:\n"
        "        socket.create_connection(('127.0.0.1', 80), timeout=2).close()\n"
        "        return True\n"
        "    except OSError:\n"
        "        return False\n"
        "def run(input_path, output_dir):\n"
        "    data = open(input_path, 'rb').read()\n"
        "    with open(os.path.join(output_dir, 'size.txt'), 'w') as out:\n"
        "        out.write(str(len(data)))\n"
        "    return {'bytes': len(data), 'network': reaches_nginx()}\n"),
    "requirements.txt": "",
}


def api(vps, method, path, token=None, json_body=None, form=(), csrf=None):
    """curl inside the machine with a JSON body or form fields, the session cookie kept; (status, answer)."""
    command = ["curl -sS -X", method, "-H 'Host: peek.example.org' -w '\\n%{http_code}'"]
    if token:
        command.append(f"-H 'Authorization: Bearer {token}'")
    if csrf:
        command.append(f"-H 'X-CSRF-Token: {csrf}'")
    if json_body is not None:
        command.append(f"-H 'Content-Type: application/json' -d '{json.dumps(json_body)}'")
    command += [f"-F '{field}'" for field in form]
    command.append(f"-b /root/cookies -c /root/cookies 'http://127.0.0.1{path}'")
    body, _, status = vps.run(" ".join(command)).stdout.rpartition("\n")
    return int(status), json.loads(body) if body.strip() else None


def wait_for(vps, path, token, busy, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, answer = api(vps, "GET", path, token)
        assert status == 200, answer
        if answer["status"] not in busy:
            return answer
        time.sleep(1)
    raise AssertionError(f"{path} still {answer['status']} after {timeout} s")


def test_a_model_version_builds_and_runs_in_its_sandbox_under_the_units(vps):
    status, session = api(vps, "POST", "/api/session", json_body={"username": "alice", "password": "correct horse battery staple"})
    assert status == 200, session
    status, created = api(vps, "POST", "/api/tokens", json_body={"name": "vps"}, csrf=session["csrf_token"])
    assert status == 201, created
    token = created["token"]
    status, model = api(vps, "POST", "/api/models", token, json_body={"name": "size", "description": "", "public": False})
    assert status == 201, model
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in MODEL_PACKAGE.items():
            archive.writestr(name, text)
    vps.put("/root/uploads/model.zip", buffer.getvalue())
    status, building = api(vps, "POST", f"/api/models/{model['id']}/versions", token,
                           form=("package=@/root/uploads/model.zip", "version=1.0"))
    assert status == 202, building
    version_path = f"/api/models/{model['id']}/versions/{building['version_id']}"
    with timed("model build (venv, pip, smoke run)"):
        version = wait_for(vps, version_path, token, busy={"building"})
    assert version["status"] == "ready", version
    status, queued = api(vps, "POST", f"{version_path}/jobs", token, form=("image=@/root/uploads/face.jpg",))
    assert status == 202, queued
    job = wait_for(vps, f"/api/jobs/{queued['job_id']}", token, busy={"queued", "running"})
    assert job["status"] == "succeeded", job
    size = int(vps.run("stat -c %s /root/uploads/face.jpg").stdout)
    assert job["result"] == {"bytes": size, "network": False}, "the run had no network and read its input"
    [output] = job["outputs"]
    status, _, text = vps.http("GET", output["url"], headers=(f"Authorization: Bearer {token}",))
    assert (status, text) == (200, str(size))
    for service in ("peek-model-builds.service", "peek-model-runs.service"):
        assert exposure(vps, service) <= exposure_limit(service), service


def test_rerunning_the_installer_upgrades_without_losing_uploads(vps):
    stop_workers(vps)
    queued = upload_noise(vps, range(500, 504))
    vps.run("echo 'PEEK_POOL_HEALTH=3' >> /etc/peek/peek.env")
    with timed("upgrade (installer rerun)"):
        output = unpack_and_install(vps, vps.archive, command=UPGRADE_COMMAND,
                                    change="echo '<!-- the new version -->' >> static/index.html")
    assert "keeping /etc/peek/peek.env" in output.stderr
    # The new files are served, under the server name of the first install.
    status, _, page = vps.http("GET", "/")
    assert status == 200 and "<!-- the new version -->" in page
    assert vps.run("grep -c PEEK_POOL_HEALTH=3 /etc/peek/peek.env").stdout.strip() == "1"
    test_every_unit_is_active(vps)
    results = wait_until_done(vps, queued)
    assert [results[image_id]["status"] for image_id in queued] == ["completed"] * len(queued)
    # The settings kept apply: the health pool now has three handlers.
    pool = vps.run("systemctl show -p MainPID --value peek-fn@health").stdout.strip()
    assert len(vps.run(f"pgrep -P {pool}").stdout.split()) == 3
    assert vps.json("GET", "/api/health")[1]["status"] == "ok"
