"""Hostile JPEGs, built with Debian's python3-pil: used by make_fixtures.py (VisionTests) and by
Tests/IntegrationTests/test_hostile_round_two.py, which imports this file from here.

many_scans(width, height, scans): a valid progressive JPEG of a flat colour, with extra AC
refinement scans of its first component after Pillow's own ten, each nothing but end-of-band
runs. A scan costs a few bytes and libjpeg a pass over every block: 7000×7000 px with 2,000 such
scans is about 440 KB and half a minute of decoding.
"""
import io
import struct

from PIL import Image


def progressive(width, height, colour=(120, 130, 140)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", progressive=True, quality=90)
    return buffer.getvalue()


def many_scans(width, height, scans):
    """A progressive JPEG of `scans` scans in all (Pillow writes 10; at least 10)."""
    base = progressive(width, height)
    own = base.count(b"\xff\xda")
    assert scans >= own and base.endswith(b"\xff\xd9")
    blocks = -(-width // 8) * -(-height // 8)
    return base[:-2] + empty_refinement_scans(scans - own, blocks) + b"\xff\xd9"


def empty_refinement_scans(count, blocks):
    """`count` AC refinement scans (Ss 1, Se 63, Ah 1, Al 0) of component 1 over `blocks` blocks.

    One Huffman table holds a single symbol, EOB14 (a run of 2^14 + 14 extra bits of end-of-band
    blocks) with the 1-bit code 0, so each run of up to 32,767 blocks costs 15 bits."""
    table = b"\x10" + bytes([1] + [0] * 15) + b"\xe0"
    dht = b"\xff\xc4" + struct.pack(">H", 2 + len(table)) + table
    bits = _BitWriter()
    for _ in range(-(-blocks // 32767)):
        bits.put(0, 1)
        bits.put(0x3FFF, 14)
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x01\x3f\x10"
    return dht + (sos + bits.flush()) * count


class _BitWriter:
    """Entropy-coded bytes: most significant bit first, FF followed by a stuffed 00, padded with 1s."""

    def __init__(self):
        self.out = bytearray()
        self.byte = 0
        self.count = 0

    def put(self, value, width):
        for shift in range(width - 1, -1, -1):
            self.byte = self.byte << 1 | (value >> shift) & 1
            self.count += 1
            if self.count == 8:
                self.out.append(self.byte)
                if self.byte == 0xFF:
                    self.out.append(0)
                self.byte = self.count = 0

    def flush(self):
        while self.count:
            self.put(1, 1)
        return bytes(self.out)
