"""Hostile input, round two (issue 10, image side), over real HTTP: decoding work bounded at upload,
JPEGs with data after their end (motion photos) analysed, sides past a format's limit refused."""
import random
import struct
import sys
import time

import pytest
from PIL import Image

import images
from stack import ROOT, json_error

# The hostile JPEG builder VisionTests' fixtures use too.
sys.path.insert(0, str(ROOT / "Tests" / "VisionTests" / "Fixtures"))
import hostile_jpeg  # noqa: E402


def image_count(stack):
    with stack.database() as db:
        return db.execute("SELECT COUNT(*) FROM images").fetchone()[0]


def refused(stack, data, name, status=422):
    """The JSON error message of an upload that must be refused, after checking nothing was stored."""
    before = image_count(stack)
    message = json_error(stack.upload(data, name), status)
    assert image_count(stack) == before
    return message


def completed(stack, data, name, timeout=60):
    body = stack.wait_result(stack.accepted_id(data, name), timeout=timeout).json()
    assert body["status"] == "completed", body
    return body["insights"]


def without_timing(insights):
    return {key: value for key, value in insights.items() if key != "processing_ms"}


# Finding 1: decoding work.

def test_a_jpeg_with_thousands_of_scans_is_refused_at_upload(stack):
    bomb = hostile_jpeg.many_scans(7000, 7000, 2010)
    assert len(bomb) < 1_000_000
    assert refused(stack, bomb, "scans.jpg") == "the JPEG has 2010 scans; the limit for an image of its size is 40 scans"


@pytest.mark.parametrize("scans, accepted", [(300, True), (301, False)])
def test_a_small_jpeg_may_have_300_scans(stack, scans, accepted):
    data = hostile_jpeg.many_scans(64, 48, scans)
    if accepted:
        assert completed(stack, data, "scans.jpg")["dominant_colors"] == ["#78828c"]
    else:
        assert refused(stack, data, "scans.jpg") == "the JPEG has 301 scans; the limit for an image of its size is 300 scans"


def test_a_normal_upload_behind_two_scan_bombs_completes_within_seconds(stack):
    bomb = hostile_jpeg.many_scans(7000, 7000, 2010)
    started = time.time()
    for _ in range(2):
        json_error(stack.upload(bomb, "bomb.jpg"), 422)
    completed(stack, images.sample("messi5.jpg"), "messi.jpg", timeout=30)
    assert time.time() - started < 10


# Finding 2: data after the end-of-image marker.

def mp4_box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


TRAILERS = {
    "random": random.Random(1).randbytes(200_000),
    "random-ending-in-sos": random.Random(2).randbytes(5_000) + b"\xff\xda",
    "mp4": mp4_box(b"ftyp", b"mp42\0\0\0\0isommp42")
    + mp4_box(b"mdat", b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(50_000) + b"\xff\xd9\xff\xda\x00\x0c")
    + mp4_box(b"moov", random.Random(4).randbytes(2_000)),
    "marker-pairs": b"\xff\xd8\xff\xd9\xff\xe1\x00\x04\xff\xd9\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03\xff\x00\xff\xd0"
    + b"\xff\xc4\x00\x02\xff\xd8\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\xff\xd9\x34\xff\xda",
    "second-jpeg": images.flat((10, 200, 30), size=(320, 240), format="JPEG"),
}


@pytest.fixture(scope="module")
def photo_insights(stack):
    return without_timing(completed(stack, images.sample("messi5.jpg"), "messi.jpg"))


@pytest.mark.parametrize("trailer", TRAILERS.values(), ids=TRAILERS.keys())
def test_a_motion_photo_completes_with_the_insights_of_its_jpeg(stack, photo_insights, trailer):
    motion_photo = images.sample("messi5.jpg") + trailer
    assert without_timing(completed(stack, motion_photo, "motion.jpg")) == photo_insights


# Finding 3: sides past a format's real limit.

def pil(size, format, mode="RGB", **options):
    return images.encoded(Image.new(mode, size, (10, 200, 30)), format, **options)


def top_down_bmp(width, height):
    """A 24-bit BMP whose negative height says its rows are stored top-down."""
    row = b"\x1e\xc8\x0a" * width
    pixels = (row + b"\0" * (-len(row) % 4)) * height
    info = struct.pack("<IiiHHIIiiII", 40, width, -height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + len(pixels), 0, 0, 54) + info + pixels


def bmp_declaring(width, height):
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + 64, 0, 0, 54) + info + b"\0" * 64


def jpeg_declaring(width, height):
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + sof + b"\xff\xd9"


def webp_canvas(width, height):
    chunk = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0" + struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3]
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def side_message(length, adjective, limit=65500):
    return f"the image is {length} px {adjective}; the limit for a side is {limit} px"


@pytest.mark.parametrize("data, message", [
    pytest.param(pil((1, 70_000), "PNG"), side_message(70_000, "high"), id="png-1x70000"),
    pytest.param(pil((70_000, 1), "PNG"), side_message(70_000, "wide"), id="png-70000x1"),
    pytest.param(images.png_declaring(1, 1_048_577), side_message(1_048_577, "high"), id="png-past-opencv-rows"),
    pytest.param(pil((1, 70_000), "BMP"), side_message(70_000, "high"), id="bmp-1x70000"),
    pytest.param(top_down_bmp(1, 70_000), side_message(70_000, "high"), id="bmp-top-down-1x70000"),
    pytest.param(bmp_declaring(1, -2_000_000), side_message(2_000_000, "high"), id="bmp-top-down-past-opencv-rows"),
    pytest.param(bmp_declaring(70_000, 1), side_message(70_000, "wide"), id="bmp-70000x1"),
    pytest.param(pil((65_535, 2), "GIF", mode="P"), side_message(65_535, "wide"), id="gif-65535x2"),
    pytest.param(jpeg_declaring(65_535, 2), side_message(65_535, "wide"), id="jpeg-65535x2"),
    pytest.param(webp_canvas(16_385, 1), side_message(16_385, "wide", 16_384), id="webp-canvas-16385x1"),
])
def test_a_side_past_its_formats_limit_is_refused_at_upload(stack, data, message):
    assert refused(stack, data, "strip") == message


def lossless_webp_16384_wide():
    """libwebp's encoder stops at 16,383 px, its lossless bitstream at 16,384: widen a 16,383 px row."""
    data = bytearray(pil((16_383, 1), "WEBP", lossless=True))
    bits = struct.unpack("<I", data[21:25])[0]
    data[21:25] = struct.pack("<I", bits & ~0x3FFF | 16_383)
    return bytes(data)


@pytest.mark.parametrize("data, size", [
    pytest.param(pil((1, 65_500), "PNG"), (1, 65_500), id="png-1x65500"),
    pytest.param(pil((65_500, 1), "BMP"), (65_500, 1), id="bmp-65500x1"),
    pytest.param(top_down_bmp(1, 65_500), (1, 65_500), id="bmp-top-down-1x65500"),
    pytest.param(pil((65_500, 2), "GIF", mode="P"), (65_500, 2), id="gif-65500x2"),
    pytest.param(pil((2, 65_500), "JPEG"), (2, 65_500), id="jpeg-2x65500"),
    pytest.param(pil((16_383, 2), "WEBP"), (16_383, 2), id="webp-lossy-16383x2"),
    pytest.param(lossless_webp_16384_wide(), (16_384, 1), id="webp-lossless-16384x1"),
])
def test_a_side_at_its_formats_limit_is_analysed(stack, data, size):
    insights = completed(stack, data, "strip")
    assert (insights["width"], insights["height"]) == size
