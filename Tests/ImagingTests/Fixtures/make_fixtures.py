#!/usr/bin/python3
"""Writes the committed test images that libvips cannot make itself, with Debian's python3-pil.

Usage: make_fixtures.py [OUTDIR]  (default: this folder). Files written:
  exif-N.jpg (N = 1..8)  quadrants red | green / blue | white (120 x 80 once upright), stored
                         so that EXIF orientation N must be applied to make them upright
  exif-6.png, exif-6.webp  the same for orientation 6, in PNG's eXIf and WebP's EXIF chunk
  animated.gif           2 frames of 40 x 30: red, then blue
  transparent.gif        40 x 30, left half red, right half transparent
  quadrants.bmp          the upright quadrants at 24 x 16, 24-bit BMP
  cmyk.jpg               flat RGB (200, 40, 40) stored as CMYK, 40 x 30
  deep.png               16-bit grey, 40 x 30, value 40000 (about 155 in 8 bits)
"""
import os
import sys

from PIL import Image, ImageDraw

# The EXIF fixtures of both suites are the same quadrants, stored for each orientation.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "VisionTests", "Fixtures"))
from make_fixtures import STORED, quadrants  # noqa: E402  (VisionTests' fixture script)


def stored(orientation):
    image = quadrants()
    if STORED[orientation] is not None:
        image = image.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    return image, exif.tobytes()


def main(out):
    for orientation in STORED:
        image, exif = stored(orientation)
        image.save(os.path.join(out, f"exif-{orientation}.jpg"), quality=95, exif=exif)
    image, exif = stored(6)
    image.save(os.path.join(out, "exif-6.png"), exif=exif)
    image.save(os.path.join(out, "exif-6.webp"), lossless=True, exif=exif)

    frames = [Image.new("RGB", (40, 30), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(os.path.join(out, "animated.gif"), save_all=True, append_images=frames[1:], duration=100, loop=0)

    transparent = Image.new("P", (40, 30), 1)
    transparent.putpalette([255, 0, 0, 0, 0, 0] + [0] * (3 * 254))
    ImageDraw.Draw(transparent).rectangle((0, 0, 19, 29), fill=0)
    transparent.save(os.path.join(out, "transparent.gif"), transparency=1)

    quadrants().resize((24, 16), Image.Resampling.NEAREST).save(os.path.join(out, "quadrants.bmp"))
    Image.new("RGB", (40, 30), (200, 40, 40)).convert("CMYK").save(os.path.join(out, "cmyk.jpg"), quality=95)
    Image.new("I;16", (40, 30), 40000).save(os.path.join(out, "deep.png"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
