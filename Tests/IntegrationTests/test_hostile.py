"""Hostile images: each gets a clear error, in bounded time, and the worker survives them all."""
import struct
import time

import pytest

import images
from stack import json_error


def jpeg_declaring(width, height):
    """A JPEG whose frame header declares `width`×`height`, followed by almost nothing."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof + b"\xff\xd9"


def gif_declaring(screen, frame):
    """A GIF with the given logical screen and first image descriptor sizes, and a tiny body."""
    header = b"GIF89a" + struct.pack("<HHBBB", *screen, 0, 0, 0)
    descriptor = b"," + struct.pack("<HHHHB", 0, 0, *frame, 0)
    return header + descriptor + b"\x02\x02\x44\x01\x00;"


def corrupt_png():
    data = bytearray(images.flat(size=(200, 200)))
    start = data.index(b"IDAT") + 8
    data[start:start + 20] = b"\xff" * 20  # damages the compressed pixels and the chunk's CRC
    return bytes(data)


@pytest.mark.parametrize("name, data", [
    ("png-100000x100000", images.png_declaring(100_000, 100_000)),
    ("jpeg-65535x65535", jpeg_declaring(65_535, 65_535)),
    ("gif-huge-screen", gif_declaring((65_535, 65_535), (10, 10))),
])
def test_decompression_bombs_are_refused_before_decoding(stack, name, data):
    assert "megapixels" in json_error(stack.upload(data, name), 413)


@pytest.mark.parametrize("name, data, fragment", [
    ("corrupt-chunk.png", corrupt_png(), "decode"),
    ("cut-in-half.jpg", images.sample("messi5.jpg")[:9000], "decode"),
    ("gif-huge-frame.gif", gif_declaring((10, 10), (65_535, 65_535)), ""),
    ("polyglot.gif", gif_declaring((16, 16), (16, 16))[:20] + b"<html><script>alert(1)</script>PK\x03\x04", "decode"),
])
def test_damaged_images_fail_with_a_message_in_bounded_time(stack, name, data, fragment):
    worker = stack.pid("peek-worker-1")
    started = time.time()
    image_id = stack.accepted_id(data, name)
    body = stack.wait_result(image_id, timeout=30).json()
    assert body["status"] == "failed", body
    assert fragment in body["error"] and "\n" not in body["error"]
    assert time.time() - started < 30
    assert stack.pid("peek-worker-1") == worker
    assert stack.get("/api/health").json()["worker"]["alive"]


def test_a_file_named_png_that_is_a_jpeg_is_taken_for_what_it_is(stack):
    data = images.sample("messi5.jpg")
    image_id = stack.accepted_id(data, "looks-like.png")
    body = stack.wait_result(image_id).json()
    assert body["status"] == "completed" and body["insights"]["format"] == "JPEG"
    original = stack.get(f"/api/image/{image_id}/original")
    assert original.headers["Content-Type"] == "image/jpeg"
    assert original.headers["X-Content-Type-Options"] == "nosniff"


def test_a_polyglot_is_served_with_its_image_type_and_nosniff(stack):
    data = gif_declaring((16, 16), (16, 16))[:20] + b"<html><script>alert(1)</script></html>"
    image_id = stack.accepted_id(data, "page.html")
    original = stack.get(f"/api/image/{image_id}/original")
    assert original.headers["Content-Type"] == "image/gif"
    assert original.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in original.headers["Content-Security-Policy"]
