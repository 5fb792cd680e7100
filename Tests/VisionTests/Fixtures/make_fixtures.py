#!/usr/bin/python3
"""Writes the test images that OpenCV cannot encode itself, using Debian's python3-pil.

Usage: make_fixtures.py OUTDIR. Files written:
  cmyk.jpg               flat RGB (200, 40, 40) stored as a CMYK JPEG
  animated.gif           2 frames: red, then blue
  interlaced.gif         one interlaced frame: top half red, bottom half blue
  exif-N.jpg (N = 1..8)  quadrants red | green / blue | white once upright, stored so that
                         EXIF orientation N must be applied to make them upright
  text.png               a line of black text on white, DejaVu Sans
  many-scans.jpg         64x48 progressive, flat (120, 130, 140), 400 scans (hostile_jpeg.py)
  progressive.jpg        the same picture as Pillow writes it: 10 scans
"""
import os
import sys

from PIL import Image, ImageDraw, ImageFont

import hostile_jpeg

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEXT = "PEEK READS THIS LINE"

# The transpose that undoes each orientation's fix (the fixes are Pillow's exif_transpose).
STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def quadrants():
    image = Image.new("RGB", (120, 80), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 59, 39), fill=(255, 0, 0))
    draw.rectangle((60, 0, 119, 39), fill=(0, 255, 0))
    draw.rectangle((0, 40, 59, 79), fill=(0, 0, 255))
    return image


def main(out):
    os.makedirs(out, exist_ok=True)
    Image.new("RGB", (64, 48), (200, 40, 40)).convert("CMYK").save(os.path.join(out, "cmyk.jpg"), quality=95)

    frames = [Image.new("RGB", (40, 30), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(os.path.join(out, "animated.gif"), save_all=True, append_images=frames[1:], duration=100, loop=0)

    halves = Image.new("RGB", (40, 30), (0, 0, 255))
    ImageDraw.Draw(halves).rectangle((0, 0, 39, 14), fill=(255, 0, 0))
    halves.save(os.path.join(out, "interlaced.gif"), interlace=True)

    upright = quadrants()
    for orientation, transpose in STORED.items():
        stored = upright if transpose is None else upright.transpose(transpose)
        exif = Image.Exif()
        exif[0x0112] = orientation
        stored.save(os.path.join(out, f"exif-{orientation}.jpg"), quality=95, exif=exif)

    font = ImageFont.truetype(FONT, 48)
    page = Image.new("RGB", (800, 120), (255, 255, 255))
    ImageDraw.Draw(page).text((30, 30), TEXT, font=font, fill=(0, 0, 0))
    page.save(os.path.join(out, "text.png"))

    with open(os.path.join(out, "many-scans.jpg"), "wb") as file:
        file.write(hostile_jpeg.many_scans(64, 48, 400))
    with open(os.path.join(out, "progressive.jpg"), "wb") as file:
        file.write(hostile_jpeg.progressive(64, 48))


if __name__ == "__main__":
    main(sys.argv[1])
