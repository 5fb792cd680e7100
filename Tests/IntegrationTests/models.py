"""Models (issue 13, SPEC §11) through the real stack: packages made on the fly, and the steps the
models tests share (make a model, upload a version, wait for its build, run it, wait for the job)."""
import io
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "greyscale"
# The run limit of the models stack (PEEK_MODEL_TIME_LIMIT_SECONDS): an endless loop costs this long.
TIME_LIMIT = 6


def package(files):
    """A ZIP of `files` ({path: text or bytes}), compressed, paths exactly as given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(zipfile.ZipInfo(path), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def example_package():
    return package({name: (EXAMPLE / name).read_text() for name in ("predict.py", "requirements.txt")})


def symlink_package():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("predict.py", "def run(i, o):\n    return {}\n")
        link = zipfile.ZipInfo("secrets")
        link.create_system = 3  # Unix: the mode in the high bits says what the entry is
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/etc/shadow")
    return buffer.getvalue()


def new_model(client, name="greyscale", public=False):
    response = client.post("/api/models", json={"name": name, "description": "tests", "public": public})
    assert response.status_code == 201, response.text[:300]
    return response.json()


def upload(client, model_id, data, version="1.0"):
    return client.post(f"/api/models/{model_id}/versions", data={"version": version},
                       files={"package": ("package.zip", data, "application/zip")})


def version_path(model_id, version_id):
    return f"/api/models/{model_id}/versions/{version_id}"


def built(client, model_id, data, version="1.0", timeout=300):
    """Uploads a version and waits for its build to end; the version as read then."""
    response = upload(client, model_id, data, version)
    assert response.status_code == 202, response.text[:300]
    body = response.json()
    assert body["status"] == "building"
    return wait_version(client, model_id, body["version_id"], timeout)


def wait_version(client, model_id, version_id, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        response = client.get(version_path(model_id, version_id))
        assert response.status_code == 200, response.text[:300]
        version = response.json()
        if version["status"] != "building":
            return version
        time.sleep(0.2)
    raise AssertionError(f"version {version_id} still building after {timeout}s: {version}\n{client.stack.logs()}")


def run(client, model_id, version_id, image, filename="photo.png"):
    return client.post(f"{version_path(model_id, version_id)}/jobs",
                       files={"image": (filename, image, "application/octet-stream")})


def finished(client, model_id, version_id, image, timeout=120):
    """Runs a version on `image` and waits for the job to end; the job as read then."""
    response = run(client, model_id, version_id, image)
    assert response.status_code == 202, response.text[:300]
    assert response.json()["status"] == "queued"
    return wait_job(client, response.json()["job_id"], timeout)


def wait_job(client, job_id, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        response = client.get(f"/api/jobs/{job_id}")
        assert response.status_code == 200, response.text[:300]
        job = response.json()
        if job["status"] in ("succeeded", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not finished after {timeout}s: {job}\n{client.stack.logs()}")
