#!/usr/bin/python3
"""Lays out the benchmark photos: real photos from Debian's opencv-doc as shipped (about 0.3 MP)
and a few of them upscaled to 12 MP with Pillow (Debian python3-pil), since no Debian or PyPI
package ships camera-sized photos; plus a scanned page of text at 12 MP, for OCR.

Usage: vision_photos.py SAMPLES_DIR OUT_DIR  (writes OUT_DIR/small, OUT_DIR/large, OUT_DIR/page)
"""
import math
import os
import shutil
import sys

from PIL import Image

SMALL = [
    "aero1.jpg", "aero3.jpg", "apple.jpg", "baboon.jpg", "board.jpg", "building.jpg", "butterfly.jpg",
    "fruits.jpg", "graf1.png", "home.jpg", "left.jpg", "leuvenA.jpg", "licenseplate_motion.jpg",
    "messi5.jpg", "orange.jpg", "rubberwhale1.png", "squirrel_cls.jpg", "stuff.jpg", "text_defocus.jpg",
    "text_motion.jpg",
]
# A face (messi5), a street (building), a textured close-up (aloeL) and a plate (licenseplate_motion).
LARGE = ["messi5.jpg", "building.jpg", "aloeL.jpg", "licenseplate_motion.jpg"]
# A book page (a scan, not a photo): OCR-bound, so timed apart.
PAGE = ["imageTextN.png"]
LARGE_PIXELS = 12_000_000


def main(samples, out):
    for folder in ("small", "large", "page"):
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    for name in SMALL:
        shutil.copyfile(os.path.join(samples, name), os.path.join(out, "small", name))
    for folder, names in (("large", LARGE), ("page", PAGE)):
        for name in names:
            upscale(os.path.join(samples, name), os.path.join(out, folder, name.rsplit(".", 1)[0] + "-12mp.jpg"))


def upscale(source, target):
    if os.path.exists(target):
        return
    image = Image.open(source).convert("RGB")
    scale = math.sqrt(LARGE_PIXELS / (image.width * image.height))
    size = (round(image.width * scale), round(image.height * scale))
    image.resize(size, Image.LANCZOS).save(target, quality=92)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
