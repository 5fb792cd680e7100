"""SPEC §6 before the worker: every bad request gets its status and a JSON error, and changes nothing."""
import socket
import time

import pytest
import requests

import images
from stack import Stack, json_error


def image_count(stack):
    with stack.database() as db:
        return db.execute("SELECT COUNT(*) FROM images").fetchone()[0]


def raw_post(stack, body, content_type):
    return stack.session.post(stack.url("/api/analyze"), data=body, headers={"Content-Type": content_type}, timeout=30)


@pytest.mark.parametrize("case, status, fragment", [
    ("missing_field", 400, 'no field named "image"'),
    ("empty_file", 400, "empty"),
    ("text_named_png", 415, "unsupported image type"),
    ("png_that_is_not", 422, "PNG"),
    ("truncated_header", 422, "cut short"),
    ("bomb", 413, "100000×100000"),
])
def test_bad_image_is_refused_with_json_and_nothing_stored(queue_only, case, status, fragment):
    before = image_count(queue_only)
    if case == "missing_field":
        response = queue_only.upload(images.flat(), field="picture")
    elif case == "empty_file":
        response = queue_only.upload(b"")
    elif case == "text_named_png":
        response = queue_only.upload(b"hello, this is plain text and not an image at all", "photo.png", "image/png")
    elif case == "png_that_is_not":
        response = queue_only.upload(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "photo.png", "image/png")
    elif case == "truncated_header":
        response = queue_only.upload(images.flat(format="JPEG")[:40], "cut.jpg")
    else:
        response = queue_only.upload(images.png_declaring(100_000, 100_000), "bomb.png")
    assert fragment in json_error(response, status)
    assert image_count(queue_only) == before


def test_one_by_one_image_is_accepted_and_analysed(queue_only):
    image_id = queue_only.accepted_id(images.flat(size=(1, 1)))
    queue_only.run_worker_once()
    body = queue_only.get(f"/api/results/{image_id}").json()
    assert body["status"] == "completed"
    assert body["insights"]["dominant_colors"] == ["#c81e1e"]


def test_upload_over_16_mib_is_413_json(queue_only):
    before = image_count(queue_only)
    response = queue_only.upload(b"\x89PNG\r\n\x1a\n" + b"\0" * (16 * 1024 * 1024 + 1))
    json_error(response, 413)
    assert image_count(queue_only) == before


def test_pixel_limit_is_configurable():
    stack = Stack(max_pixels=1000, workers=0).up()
    try:
        assert "megapixels" in json_error(stack.upload(images.flat(size=(40, 30))), 413)
        assert stack.upload(images.flat(size=(30, 30))).status_code == 202
    finally:
        stack.destroy()


@pytest.mark.parametrize("body, content_type, status", [
    (b"--x\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc", "multipart/form-data; boundary=x", 400),
    (b"no boundary anywhere", "multipart/form-data; boundary=abc", 400),
    (b"whatever", "multipart/form-data", 400),
    (b"whatever", "multipart/form-data; boundary=" + "b" * 71, 400),
    (images.flat(), "image/png", 415),
])
def test_malformed_multipart_is_400_json(queue_only, body, content_type, status):
    json_error(raw_post(queue_only, body, content_type), status)


def test_oversized_part_headers_are_400(queue_only):
    body = (b"--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nX-Pad: "
            + b"a" * 10_000 + b"\r\n\r\n" + images.flat() + b"\r\n--xyz--\r\n")
    assert "exceed" in json_error(raw_post(queue_only, body, "multipart/form-data; boundary=xyz"), 400)


def get_exact(stack, path):
    prepared = requests.Request("GET", stack.url(path)).prepare()
    prepared.url = stack.url(path)  # keep the path exactly as written, dots and escapes included
    return stack.session.send(prepared, timeout=30)


@pytest.mark.parametrize("path, status", [
    ("/api/results/..%5c..%5cpeek.sqlite", 400),
    ("/api/results/peek.sqlite", 400),
    ("/api/image/..%5c..%5cetc%5cpasswd/original", 400),
    ("/api/results/.%2e", 404),
    ("/api/results/..%2fpeek.sqlite", 404),
    ("/api/results/AAAAAAAAAAAAAAAAAAAAAA/extra", 404),
    ("/api/image/AAAAAAAAAAAAAAAAAAAAAA/thumbnail", 404),
    ("/api/nothing-here", 404),
])
def test_path_tricks_and_unknown_routes_are_json(queue_only, path, status):
    json_error(get_exact(queue_only, path), status)


@pytest.mark.parametrize("path", [
    "/api/image/..%2f..%2fpeek.sqlite/original",
    "/api/results/../../peek.sqlite",
    "/api/image/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
])
def test_traversal_out_of_the_api_never_reaches_a_file(queue_only, path):
    response = get_exact(queue_only, path)
    assert b"SQLite format" not in response.content and b"root:" not in response.content
    # nginx resolves the dots first; what is left is either a JSON error or the web page.
    assert response.headers["Content-Type"].startswith(("application/json", "text/html"))


@pytest.mark.parametrize("method, path", [
    ("DELETE", "/api/results/AAAAAAAAAAAAAAAAAAAAAA"),
    ("POST", "/api/health"),
    ("GET", "/api/analyze"),
    ("PUT", "/api/image/AAAAAAAAAAAAAAAAAAAAAA/original"),
])
def test_wrong_method_is_405_json_with_allow(queue_only, method, path):
    response = queue_only.session.request(method, queue_only.url(path), timeout=30)
    json_error(response, 405)
    assert response.headers["Allow"]


def test_client_disconnecting_mid_upload_leaves_nothing(queue_only):
    before = image_count(queue_only)
    body = images.flat(size=(400, 400))
    with socket.create_connection(("127.0.0.1", queue_only.port)) as connection:
        head = (f"POST /api/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=qq\r\n"
                f"Content-Length: {len(body) + 500}\r\n\r\n--qq\r\nContent-Disposition: form-data; name=\"image\"; "
                f"filename=\"a.png\"\r\n\r\n")
        connection.sendall(head.encode() + body[: len(body) // 2])
        time.sleep(0.2)
    time.sleep(0.3)
    assert image_count(queue_only) == before
    assert queue_only.get("/api/health").status_code == 200
    assert queue_only.upload(images.flat((5, 6, 7))).status_code == 202


def test_uploads_past_the_rate_limit_get_429_json():
    stack = Stack(upload_rate=1, upload_burst=2, workers=0).up()
    try:
        statuses = [stack.upload(images.numbered(index)).status_code for index in range(8)]
        assert statuses.count(202) >= 2 and 429 in statuses
        limited = stack.upload(images.flat())
        json_error(limited, 429)
        assert stack.get("/api/health").status_code == 200  # reads are not limited
    finally:
        stack.destroy()
