#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: small, hand-made inputs that reach each branch of
the parsers. Fuzz/run.sh never changes these files; libFuzzer's finds go to .build-fuzz/.

    python3 Fuzz/make-corpus.py        (standard library only; rewrites Fuzz/corpus/)
"""
import shutil
import struct
import zlib
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def png(width=2, height=3):
    """A PNG declaring `width`×`height`; its pixel data is only complete for small sizes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80" * 3 * width for _ in range(height)) if width * height <= 64 else b"\0" * 64
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg(width=3, height=2, frame=0xC0, extras=b"", entropy=b"\x00" * 4):
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = bytes([0xFF, frame]) + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + extras + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + entropy + b"\xff\xd9"


def jpeg_scans(count, width=8, height=8):
    """A progressive JPEG of `count` AC refinement scans, two bytes of entropy-coded data each."""
    sof = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x01\x3f\x10" + b"\x12\x34"
    return b"\xff\xd8" + sof + scan * count + b"\xff\xd9"


def exif(orientation, big_endian=True):
    """An APP1 segment whose TIFF structure (in either byte order) declares an EXIF orientation."""
    order, e = (b"MM", ">") if big_endian else (b"II", "<")
    entry = struct.pack(e + "HHIHH", 0x0112, 3, 1, orientation, 0)
    payload = b"Exif\0\0" + order + struct.pack(e + "HIH", 42, 8, 1) + entry + struct.pack(e + "I", 0)
    return b"\xff\xe1" + struct.pack(">H", 2 + len(payload)) + payload


def gif(width=5, height=4, version=b"GIF89a"):
    return version + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff" + b",\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;"


def bmp(width=4, height=3, info_size=40, with_pixels=True):
    if info_size == 12:
        info = struct.pack("<IHHHH", 12, width, height, 1, 24)
    else:
        info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    pixels = b"\0" * (((width * 3 + 3) // 4) * 4 * abs(height)) if with_pixels else b""
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels


def webp(kind, payload):
    chunk = kind + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def webp_lossy(width=7, height=5):
    return webp(b"VP8 ", b"\x30\x01\x00\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\0" * 8)


def webp_lossless(width=7, height=5):
    bits = (width - 1) | ((height - 1) << 14)
    return webp(b"VP8L", b"\x2f" + struct.pack("<I", bits) + b"\0" * 4)


def webp_extended(width=300, height=200):
    return webp(b"VP8X", b"\x10\0\0\0" + struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3])


IMAGES = {
    "png": png(),
    "png-bomb": png(100_000, 100_000),
    "png-truncated": png()[:20],
    "png-bad-ihdr-length": png()[:8] + b"\0\0\0\x0cIHDR" + png()[16:40],
    "jpeg-baseline": jpeg(),
    "jpeg-progressive": jpeg(640, 480, frame=0xC2),
    "jpeg-fill-and-restart": jpeg(extras=b"\xff\xff\xff\xd0\xff\x01"),
    "jpeg-huffman-before-frame": jpeg(extras=b"\xff\xc4\x00\x04\x00\x00"),
    "jpeg-bomb": jpeg(65535, 65535),
    "jpeg-soi-only": b"\xff\xd8\xff",
    "gif89a": gif(),
    "gif87a-huge-screen": gif(65535, 65535, b"GIF87a"),
    "bmp-info": bmp(),
    "bmp-top-down": bmp(4, -3),
    "bmp-core": bmp(info_size=12),
    "webp-lossy": webp_lossy(),
    "webp-lossless": webp_lossless(),
    "webp-extended": webp_extended(),
    "webp-unknown-chunk": webp(b"ALPH", b"\0" * 10),
    "polyglot-gif-zip": gif() + b"PK\x03\x04" + b"\0" * 26,
    "text": b"hello, this is not an image\n",
    # Past a decoding limit (issue 10): too many scans, sides past the format's limit.
    "jpeg-many-scans": jpeg_scans(301),
    "png-tall-strip": png(1, 70_000),
    "bmp-top-down-tall": bmp(1, -70_000, with_pixels=False),
    "webp-extended-wide": webp_extended(16_385, 1),
    # The JPEG's structure beyond its size: its end, its scans' data, its EXIF orientation.
    "jpeg-motion-photo": jpeg() + b"\0\0\0\x18ftypmp42\0\0\0\0isommp42" + b"\xff\xd8\xff\xe1\xff\xda\x00\x08\xff\xd9\xff\xda",
    "jpeg-stuffing-and-restarts": jpeg(frame=0xC2, entropy=b"\x12\xff\x00\x34\xff\xd3\x56\xff\xff\x00\xff\xd7\x9a\xff\xff"),
    "jpeg-exif-big-endian": jpeg(extras=exif(6)),
    "jpeg-exif-little-endian": jpeg(extras=exif(8, big_endian=False)),
}


def multipart(boundary, parts, preamble=b"", epilogue=b"\r\n", close=True):
    body = preamble
    for headers, data in parts:
        body += b"--" + boundary + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + data + b"\r\n"
    if close:
        body += b"--" + boundary + b"--" + epilogue
    return body


def image_part(data, name=b"image", filename=b"a.png", content_type=b"image/png"):
    headers = [b'Content-Disposition: form-data; name="' + name + b'"; filename="' + filename + b'"']
    if content_type:
        headers.append(b"Content-Type: " + content_type)
    return headers, data


def field(name, value):
    return [b'Content-Disposition: form-data; name="' + name + b'"'], value


B = b"----PeekBoundary7MA4YWxkTrZu0gW"
CT = b"multipart/form-data; boundary=" + B + b"\n"
MULTIPART = {
    "single-image": CT + multipart(B, [image_part(png())]),
    "several-fields": CT + multipart(B, [field(b"title", b"holiday"), field(b"note", b""),
                                         image_part(gif(), filename=b"b.gif", content_type=b"image/gif"),
                                         field(b"trailer", b"after")]),
    "preamble-and-epilogue": CT + multipart(B, [image_part(b"\x89PNG")], preamble=b"ignored preamble\r\n",
                                            epilogue=b"\r\nignored epilogue"),
    "quoted-boundary": b'Multipart/Form-Data; charset=utf-8; boundary="a:b=c"\n'
                       + multipart(b"a:b=c", [image_part(jpeg(), content_type=None)]),
    "escaped-filename": CT + multipart(B, [image_part(b"x", filename=b'dir\\\\..\\"x\\".png')]),
    "unquoted-parameters": CT + multipart(B, [([b"content-disposition: form-data;name=image;filename=x.bmp",
                                                b"CONTENT-TYPE:image/bmp"], bmp())]),
    "no-part-headers": CT + b"--" + B + b"\r\n\r\nbody without headers\r\n--" + B + b"--\r\n",
    "whitespace-after-boundary": CT + b"--" + B + b" \t\r\n" + b'Content-Disposition: form-data; name="image"\r\n\r\nx\r\n--' + B + b"--",
    "closing-delimiter-only": CT + b"--" + B + b"--\r\n",
    "ends-inside-headers": CT + b"--" + B + b'\r\nContent-Disposition: form-data; name="ima',
    "ends-before-closing": CT + multipart(B, [image_part(png())], close=False),
    "lf-line-endings": CT + multipart(B, [image_part(b"x")]).replace(b"\r\n", b"\n"),
    "junk-after-boundary": CT + b"--" + B + b"junk\r\n\r\n--" + B + b"--",
    "boundary-inside-data": CT + multipart(B, [image_part(b"--" + B[:-1] + b"\r\n--" + B[:5])]),
    "no-boundary-parameter": b"multipart/form-data\n" + multipart(B, [image_part(b"x")]),
    "not-multipart": b"application/octet-stream\n" + png(),
    "boundary-too-long": b"multipart/form-data; boundary=" + b"x" * 71 + b"\n--" + b"x" * 71 + b"--",
}


def write(target, files):
    directory = CORPUS / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)


if __name__ == "__main__":
    write("image-header", IMAGES)
    write("multipart", MULTIPART)
    print(f"wrote {len(IMAGES)} image-header and {len(MULTIPART)} multipart seeds under {CORPUS}")
