"""Each function binary run once as a CGI program answers as it does through nginx."""
import json

import images


def test_results_as_cgi_matches_nginx(queue_only):
    image_id = queue_only.accepted_id(images.flat((11, 22, 33)))
    status, headers, body = queue_only.run_cgi("fn-results", "GET", f"/api/results/{image_id}")
    through_nginx = queue_only.get(f"/api/results/{image_id}")
    assert status == through_nginx.status_code == 202
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == through_nginx.json()


def test_health_as_cgi_matches_nginx(queue_only):
    status, _, body = queue_only.run_cgi("fn-health", "GET", "/api/health")
    through_nginx = queue_only.get("/api/health")
    assert status == through_nginx.status_code == 200
    cgi, http = json.loads(body), through_nginx.json()
    for key in ("status", "database", "storage"):
        assert cgi[key] == http[key]
    assert cgi["worker"]["alive"] == http["worker"]["alive"]


def test_image_as_cgi_names_the_same_blob_nginx_sends(queue_only):
    data = images.flat((44, 55, 66), format="BMP")
    image_id = queue_only.accepted_id(data, "x.bmp")
    status, headers, body = queue_only.run_cgi("fn-image", "GET", f"/api/image/{image_id}/original")
    assert status == 200 and body == b""
    assert headers["content-type"] == "image/bmp"
    redirect = headers["x-accel-redirect"]
    if queue_only.s3:
        assert redirect.startswith(f"/_s3/{queue_only.bucket}/blobs/")
        assert queue_only.blob_bytes(redirect.rsplit("/", 1)[1]) == data
        assert headers["x-peek-s3-authorization"].startswith("AWS4-HMAC-SHA256 Credential=")
    else:
        assert redirect.startswith("/_blobs/")
        assert (queue_only.data_dir / "blobs" / redirect.removeprefix("/_blobs/")).read_bytes() == data
    through_nginx = queue_only.get(f"/api/image/{image_id}/original")
    assert through_nginx.content == data and through_nginx.headers["Content-Type"] == "image/bmp"


def test_analyze_as_cgi_reads_the_body_from_stdin(queue_only):
    data = images.flat((77, 88, 99), format="WEBP")
    body = (b"--cgi\r\nContent-Disposition: form-data; name=\"image\"; filename=\"w.webp\"\r\n"
            b"Content-Type: image/webp\r\n\r\n" + data + b"\r\n--cgi--\r\n")
    status, headers, payload = queue_only.run_cgi("fn-analyze", "POST", "/api/analyze", body,
                                                  "multipart/form-data; boundary=cgi")
    assert status == 202, payload
    image_id = json.loads(payload)["id"]
    assert queue_only.get(f"/api/results/{image_id}").json()["status"] == "processing"
    assert queue_only.get(f"/api/image/{image_id}/original").content == data


def test_errors_as_cgi_match_nginx(queue_only):
    status, _, body = queue_only.run_cgi("fn-analyze", "POST", "/api/analyze", b"plain", "text/plain")
    through_nginx = queue_only.session.post(queue_only.url("/api/analyze"), data=b"plain",
                                            headers={"Content-Type": "text/plain"})
    assert status == through_nginx.status_code == 415
    assert json.loads(body) == through_nginx.json()
