"""Models (issue 13, SPEC §11) through the real stack: the example model end to end (create, upload,
build, run, fetch the output), the packages refused at upload, a build that fails in pip, and every
new route from the side of someone without credentials or of another owner."""
import io

import pytest
from PIL import Image

import images
from models import (built, example_package, finished, new_model, package, run, symlink_package, upload,
                    version_path)
from owners import CSRF_MISSING, Client, owner, random_id
from stack import json_error


@pytest.fixture(scope="module")
def alice(models_stack):
    return owner(models_stack, "alice")


@pytest.fixture(scope="module")
def example(alice):
    """Alice's public example model, built once for the module."""
    model = new_model(alice, "greyscale", public=True)
    version = built(alice, model["id"], example_package())
    assert version["status"] == "ready", version
    return model, version


def test_the_example_model_runs_on_a_photo_end_to_end(alice, example):
    model, version = example
    assert "Successfully installed" in version["build_log"] and "Pillow" in version["build_log"]
    assert "smoke run" in version["build_log"] and version["error"] is None
    photo = images.encoded(Image.new("RGB", (120, 80), (200, 120, 40)), "JPEG")
    job = finished(alice, model["id"], version["id"], photo)
    assert job["status"] == "succeeded", job
    assert job["result"]["width"] == 120 and job["result"]["height"] == 80
    assert 0 < job["result"]["mean_brightness"] < 255
    assert "greyscale: 120x80" in job["log"] and job["error"] is None and job["ms"] > 0
    [output] = job["outputs"]
    assert output["name"] == "grey.png" and output["content_type"] == "image/png"
    assert output["url"] == f"/api/jobs/{job['id']}/outputs/grey.png"
    served = alice.get(output["url"])
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
    assert len(served.content) == output["size"]
    grey = Image.open(io.BytesIO(served.content))
    assert grey.mode == "L" and grey.size == (120, 80)
    listed = alice.get("/api/jobs").json()["jobs"]
    assert listed[0]["id"] == job["id"] and listed[0]["status"] == "succeeded" and listed[0]["result"] == job["result"]
    models = alice.get("/api/models").json()["models"]
    assert any(entry["id"] == model["id"] and entry["owned"] for entry in models)
    read = alice.get(f"/api/models/{model['id']}").json()
    assert [entry["id"] for entry in read["versions"]] == [version["id"]]


@pytest.mark.parametrize("files, message", [
    ({"my-model/predict.py": "def run(i, o):\n    return {}\n", "my-model/requirements.txt": ""},
     "predict.py is inside folder my-model/: put it at the root of the ZIP"),
    ({"model.py": "x = 1\n"}, "the package has no predict.py at the root of the ZIP"),
    ({"predict.py": "def run(i, o):\n    return {}\n", "../../../etc/cron.d/peek": "* * * * * root sh\n"},
     "the package holds a path that leaves its folder (../../../etc/cron.d/peek): no .. in paths"),
    ({"predict.py": "def run(i, o):\n    return {}\n", "/etc/cron.d/peek": "* * * * * root sh\n"},
     "the package holds an absolute path (/etc/cron.d/peek): paths must be relative"),
    ({"predict.py": "def run(i, o):\n    return {}\n", "zeros.bin": b"\0" * 50_000_000},
     "zeros.bin is compressed more than 100 to 1 (a ZIP bomb?); the limit is 100"),
    ({"predict.py": "", **{f"f{index}.txt": "x" for index in range(1001)}}, "the package has 1002 entries; the limit is 1000"),
    # pip would fetch from anywhere a requirement points it to (Peek's own port, a metadata service).
    ({"predict.py": "", "requirements.txt": "Pillow==10.4.0\n--index-url http://127.0.0.1:8080/api/\n"},
     "requirements.txt line 2 (--index-url http://127.0.0.1:8080/api/): list packages by name from PyPI (name==version); "
     "options, URLs and paths are not allowed"),
])
def test_a_bad_package_is_refused_at_upload_with_what_is_wrong(models_stack, alice, files, message):
    model = new_model(alice, "refused")
    response = upload(alice, model["id"], package(files))
    assert json_error(response, 400) == message
    assert alice.get(f"/api/models/{model['id']}/versions").json()["versions"] == []


def test_a_package_with_a_link_or_that_is_not_a_zip_is_refused(alice):
    model = new_model(alice, "refused")
    assert json_error(upload(alice, model["id"], symlink_package()), 400) == \
        "the package holds a link (secrets): links are not allowed"
    assert json_error(upload(alice, model["id"], b"PK\x03\x04 not a zip"), 400) == "the package is not a ZIP file"
    assert json_error(upload(alice, model["id"], package({"predict.py": ""}), version="../x"), 400).startswith("version must be")


def test_a_requirement_that_does_not_exist_fails_the_build_with_pips_message(alice):
    model = new_model(alice, "missing requirement")
    version = built(alice, model["id"], package({"predict.py": "def run(i, o):\n    return {}\n",
                                                 "requirements.txt": "peek-no-such-package-e4b1==1.0\n"}))
    assert version["status"] == "failed"
    assert version["error"].startswith("pip could not install the requirements: ERROR: Could not find a version")
    assert "peek-no-such-package-e4b1" in version["error"]
    assert "No matching distribution found for peek-no-such-package-e4b1" in version["build_log"]
    assert "Peek installs wheels only" in version["build_log"]
    response = run(alice, model["id"], version["id"], images.flat())
    assert json_error(response, 409).startswith("this version failed to build: pip could not install")


def routes(model_id, version_id, job_id):
    """Every new route, as (method, path, what it sends)."""
    return [
        ("GET", "/api/models", {}), ("POST", "/api/models", {"json": {"name": "x"}}),
        ("GET", f"/api/models/{model_id}", {}),
        ("GET", f"/api/models/{model_id}/versions", {}),
        ("POST", f"/api/models/{model_id}/versions", {"data": {"version": "2"},
                                                      "files": {"package": ("p.zip", example_package())}}),
        ("GET", version_path(model_id, version_id), {}),
        ("POST", f"{version_path(model_id, version_id)}/jobs", {"files": {"image": ("a.png", images.flat())}}),
        ("GET", "/api/jobs", {}), ("GET", f"/api/jobs/{job_id}", {}),
        ("GET", f"/api/jobs/{job_id}/outputs/grey.png", {}),
    ]


def test_every_route_needs_credentials(models_stack, alice, example):
    model, version = example
    job = finished(alice, model["id"], version["id"], images.flat())
    nobody = Client(models_stack)
    for method, path, kwargs in routes(model["id"], version["id"], job["id"]):
        assert json_error(nobody.request(method, path, **kwargs), 401).startswith("log in first"), path
    forged = Client(models_stack, token="peek_" + random_id())
    assert json_error(forged.get("/api/jobs"), 401) == "log in first: the API token is not valid (revoked, or mistyped)"
    # A logged-in browser's write without its CSRF token is refused before anything happens.
    assert alice.post("/api/models", json={"name": "x"}, csrf=False).json() == CSRF_MISSING


def without_ids(message, path):
    """`message` with the ids of `path` (its 22-character segments) written as ID."""
    for segment in path.split("/"):
        if len(segment) == 22:
            message = message.replace(segment, "ID")
    return message


def test_another_owners_private_model_and_jobs_look_exactly_like_unknown_ids(models_stack, alice):
    model = new_model(alice, "private")
    version = built(alice, model["id"], example_package())
    job = finished(alice, model["id"], version["id"], images.flat())
    assert job["status"] == "succeeded", job
    bob = owner(models_stack, "bob")
    unknown = routes(random_id(), random_id(), random_id())
    for (method, path, kwargs), (_, unknown_path, unknown_kwargs) in zip(routes(model["id"], version["id"], job["id"]), unknown):
        if path in ("/api/models", "/api/jobs"):
            continue
        theirs, nothing = bob.request(method, path, **kwargs), bob.request(method, unknown_path, **unknown_kwargs)
        assert theirs.status_code == nothing.status_code == 404, (path, theirs.text)
        assert without_ids(theirs.json()["error"], path) == without_ids(nothing.json()["error"], unknown_path), path
    assert all(entry["id"] != model["id"] for entry in bob.get("/api/models").json()["models"])
    assert bob.get("/api/jobs").json()["jobs"] == []


def test_a_public_model_runs_for_another_owner_whose_job_only_they_read(models_stack, alice, example):
    model, version = example
    carol, _ = owner(models_stack, "carol").api_client()
    assert any(entry["id"] == model["id"] and not entry["owned"] for entry in carol.get("/api/models").json()["models"])
    job = finished(carol, model["id"], version["id"], images.flat(size=(30, 20)))
    assert job["status"] == "succeeded" and job["result"]["width"] == 30
    assert carol.get(job["outputs"][0]["url"]).status_code == 200
    assert json_error(alice.get(f"/api/jobs/{job['id']}"), 404) == f"no job with id {job['id']}"
    assert json_error(alice.get(job["outputs"][0]["url"]), 404) == f"no job with id {job['id']}"
    # Running is all another owner may do: no new versions.
    response = carol.post(f"/api/models/{model['id']}/versions", data={"version": "9"},
                          files={"package": ("p.zip", example_package())})
    assert json_error(response, 403) == "only the model's owner may change it or add versions"
