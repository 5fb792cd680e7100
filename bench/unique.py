"""Unique bytes for the same pixels: a comment carrying a nonce, so that every upload of a photo is
a new blob (the identical-bytes path cannot answer) while the decoded image stays the same.
JPEG: a COM segment right after SOI. PNG: a tEXt chunk right after IHDR."""
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def unique(data, nonce):
    text = f"peek-bench {nonce}".encode()
    if data[:3] == b"\xff\xd8\xff":
        return data[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + data[2:]
    if data[:8] == PNG_SIGNATURE:
        ihdr_end = 8 + 4 + 4 + struct.unpack(">I", data[8:12])[0] + 4
        body = b"tEXt" + b"Comment\0" + text
        chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
        return data[:ihdr_end] + chunk + data[ihdr_end:]
    raise ValueError("only JPEG and PNG photos are made unique")
