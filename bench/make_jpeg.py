"""Writes a JPEG of about SIZE bytes: a real photo from opencv-doc, scaled until it is that large."""
import io
import sys

from PIL import Image

path, size = sys.argv[1], int(sys.argv[2])
photo = Image.open("/usr/share/doc/opencv-doc/examples/data/fruits.jpg").convert("RGB")
scale = 1.0
while True:
    buffer = io.BytesIO()
    photo.resize((int(photo.width * scale), int(photo.height * scale)), Image.BICUBIC).save(buffer, "JPEG", quality=92)
    if buffer.tell() >= size:
        break
    scale *= 1.1
open(path, "wb").write(buffer.getvalue())
