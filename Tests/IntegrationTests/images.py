"""Test images made on the fly with Pillow, and real photos from Debian's opencv-doc package."""
import io
import struct
import zlib
from pathlib import Path

from PIL import Image

OPENCV_SAMPLES = Path("/usr/share/doc/opencv-doc/examples/data")


def encoded(image, format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def flat(color=(200, 30, 30), size=(64, 48), format="PNG"):
    return encoded(Image.new("RGB", size, color), format)


def numbered(index, format="PNG"):
    """A small image whose bytes differ for every index."""
    return flat(((index * 37) % 256, (index * 91) % 256, index % 256), (40 + index % 7, 30), format)


def png_declaring(width, height):
    """A tiny, valid-looking PNG whose header declares `width`×`height` (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def sample(name):
    path = OPENCV_SAMPLES / name
    assert path.exists(), f"{path} is missing: install Debian's opencv-doc (./spawn.sh test does)"
    return path.read_bytes()


def enlarged_photo(name="messi5.jpg", size=(7000, 5000), quality=85):
    """A real photo scaled up to `size`: slow enough to analyse that a test can act mid-job."""
    photo = Image.open(OPENCV_SAMPLES / name).convert("RGB").resize(size, Image.BILINEAR)
    return encoded(photo, "JPEG", quality=quality)
