"""Requests no HTTP client library would send, written on a raw socket: nginx answers them before
any function runs, and they too must get a JSON error with a documented status, never an HTML page."""
import json
import socket

import pytest

ID = "AAAAAAAAAAAAAAAAAAAAAA"

# (name, raw request, statuses allowed, Allow header expected)
PROBES = [
    ("NUL byte in the path", f"GET /api/results/{ID[:10]}%00{ID[11:]} HTTP/1.1\r\nHost: peek\r\n", {400}, None),
    ("invalid percent-encoding", "GET /api/results/%zz HTTP/1.1\r\nHost: peek\r\n", {400}, None),
    ("request line longer than nginx's buffers", "GET /api/results/" + "A" * 9000 + " HTTP/1.1\r\nHost: peek\r\n",
     {414}, None),
    ("not HTTP at all", "GARBAGE\r\n", {400}, None),
    ("header larger than nginx's buffers", "GET /api/health HTTP/1.1\r\nHost: peek\r\nX-Big: " + "a" * 9000 + "\r\n",
     {400}, None),
    ("no Host header", "GET /api/health HTTP/1.1\r\n", {400}, None),
    ("upload declaring more than 16 MiB",
     "POST /api/analyze HTTP/1.1\r\nHost: peek\r\nContent-Type: multipart/form-data; boundary=x\r\n"
     "Content-Length: 17825792\r\n", {413}, None),
    ("unreadable Content-Length", "POST /api/analyze HTTP/1.1\r\nHost: peek\r\nContent-Length: abc\r\n", {400}, None),
    ("id path without an id", "GET /api/results HTTP/1.1\r\nHost: peek\r\n", {404}, None),
    ("image path without an id", "GET /api/image HTTP/1.1\r\nHost: peek\r\n", {404}, None),
    ("path trick out of the image route", "GET /api/image/..%2F..%2Fapi%2Fhealth/original HTTP/1.1\r\nHost: peek\r\n",
     {404}, None),
    ("TRACE on a GET route", "TRACE /api/health HTTP/1.1\r\nHost: peek\r\n", {405}, "GET, HEAD"),
    ("TRACE on the upload route", "TRACE /api/analyze HTTP/1.1\r\nHost: peek\r\n", {405}, "POST"),
    ("DELETE on the results route", f"DELETE /api/results/{ID} HTTP/1.1\r\nHost: peek\r\n", {405}, "GET, HEAD"),
    ("unsupported HTTP version", "GET /api/health HTTP/2.0\r\nHost: peek\r\n", {505}, None),
    ("unknown transfer coding", "POST /api/analyze HTTP/1.1\r\nHost: peek\r\nTransfer-Encoding: gzip\r\n", {501}, None),
]


def exchange(stack, request):
    with socket.create_connection(("127.0.0.1", stack.port), timeout=15) as connection:
        connection.sendall(request.encode("latin-1") + b"Connection: close\r\n\r\n")
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.mark.parametrize("name, request_text, statuses, allow", PROBES, ids=[probe[0] for probe in PROBES])
def test_malformed_requests_get_a_json_error_with_a_documented_status(contract_stack, name, request_text, statuses,
                                                                      allow):
    status, headers, body = exchange(contract_stack, request_text)
    assert status in statuses, f"{name}: {status} {body[:200]!r}"
    assert headers.get("content-type") == "application/json", f"{name}: {status} {headers} {body[:200]!r}"
    message = json.loads(body)
    assert set(message) == {"error"} and message["error"], message
    if allow:
        assert headers.get("allow") == allow, f"{name}: Allow {headers.get('allow')!r}"
