"""Peek's example model: the picture in shades of grey, and a few numbers about it.

Peek's runner imports this file in the sandbox and calls run(input_path, output_dir): the input
is read-only, output_dir is the one folder the run may write, and the returned dict (JSON) is the
job's result. Every file left in output_dir becomes one of the job's outputs."""
from pathlib import Path

from PIL import Image, ImageOps, ImageStat


def run(input_path, output_dir):
    with Image.open(input_path) as image:
        grey = ImageOps.exif_transpose(image).convert("L")
    grey.save(Path(output_dir) / "grey.png")
    stats = ImageStat.Stat(grey)
    print(f"greyscale: {grey.width}x{grey.height}")
    return {
        "width": grey.width,
        "height": grey.height,
        "mean_brightness": round(stats.mean[0], 2),
        "contrast": round(stats.stddev[0], 2),
    }
