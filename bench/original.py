"""Times the original Peek API's analysis (GitHub 0xSandiem/peek_api) on local photos: what its
Celery task does per image, CVService.process_image (Pillow decode, k-means colours, Haar faces,
quality, scene, pytesseract) and AnnotationService.create_annotated_image (the boxed JPEG), in one
warm process, without its storage round trips. Runs with the Python of a virtual environment made
from the checkout's requirements.txt; none of its code is part of Peek.

Usage: ORIGINAL_VENV/bin/python bench/original.py CHECKOUT ROUNDS FILE...
Prints one JSON line per run: {"file", "ms", "insights"}.
"""
import json
import os
import shutil
import sys
import tempfile
import time


def main(checkout, rounds, files):
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    from app.services.annotation_service import AnnotationService
    from app.services.cv_service import CVService

    scratch = tempfile.mkdtemp(prefix="peek-original-")
    try:
        for path in files:
            # The annotation is written beside its input, so each photo is read from a copy in scratch.
            copy = os.path.join(scratch, os.path.basename(path))
            shutil.copyfile(path, copy)
            for _ in range(rounds):
                started = time.perf_counter()
                insights = CVService.process_image(copy)
                if "error" not in insights:
                    AnnotationService.create_annotated_image(copy, insights["face_locations"])
                elapsed = (time.perf_counter() - started) * 1000
                print(json.dumps({"file": path, "ms": round(elapsed, 1), "insights": insights}), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
