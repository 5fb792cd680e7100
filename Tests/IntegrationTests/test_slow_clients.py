"""Slow and abusive clients are bounded by nginx, answered with JSON, and never starve others."""
import socket
import time

import pytest
import requests

import images
from stack import Stack, json_error


@pytest.fixture(scope="module")
def strict():
    stack = Stack(client_timeout=2, workers=0).up()
    yield stack
    stack.destroy()


def read_response(connection, timeout=10):
    connection.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    return data


def test_a_trickled_upload_ties_up_nothing_and_a_stalled_one_is_cut_off(strict):
    body = images.flat(size=(300, 300))
    connection = socket.create_connection(("127.0.0.1", strict.port))
    connection.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=t\r\n"
                       + f"Content-Length: {len(body) + 200}\r\n\r\n".encode())
    for index in range(3):  # trickle while the pools serve everyone else
        connection.sendall(body[index:index + 1])
        started = time.time()
        assert strict.get("/api/health").status_code == 200
        assert time.time() - started < 1
        time.sleep(0.5)
    stalled = time.time()
    answer = read_response(connection)  # then stall: nginx gives up after the client timeout
    connection.close()
    # nginx closes a connection whose body stalls (its 408 is logged, not sent: the client is gone)
    assert answer == b"" and time.time() - stalled < 6


def test_many_idle_connections_do_not_block_others(strict):
    idle = [socket.create_connection(("127.0.0.1", strict.port)) for _ in range(300)]
    try:
        for _ in range(20):
            assert strict.get("/api/health").status_code == 200
        assert strict.upload(images.flat((4, 4, 4))).status_code == 202
    finally:
        for connection in idle:
            connection.close()


def test_chunked_upload_over_16_mib_is_413_json(strict):
    def chunks():
        yield b"--c\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n\r\n\x89PNG\r\n\x1a\n"
        for _ in range(17):
            yield b"\0" * (1024 * 1024)
    response = requests.post(strict.url("/api/analyze"), data=chunks(), timeout=60,
                             headers={"Content-Type": "multipart/form-data; boundary=c"})
    json_error(response, 413)


def test_burst_past_the_rate_limit_is_429_and_reads_keep_working():
    stack = Stack(upload_rate=2, upload_burst=5, workers=0).up()
    try:
        statuses = [stack.upload(images.numbered(index)).status_code for index in range(30)]
        assert 429 in statuses and statuses.count(202) <= 10
        json_error(stack.upload(images.flat()), 429)
        assert all(stack.get("/api/health").status_code == 200 for _ in range(20))
    finally:
        stack.destroy()
