"""Runs inside a test host (a network namespace), where the test process cannot connect: sends
uploads to a stack and reads their answers back, printing JSON on stdout.

    uploader.py upload BASE_URL IMAGE_FOLDER     every file of the folder, one request each: ids
    uploader.py results BASE_URL ID...           each id's status, and whether its original and
                                                 annotated copy are served with the right bytes"""
import hashlib
import json
import sys
from pathlib import Path

import requests


def upload(base_url, folder):
    session, ids = requests.Session(), []
    for path in sorted(Path(folder).iterdir()):
        response = session.post(f"{base_url}/api/analyze", files={"image": (path.name, path.read_bytes())}, timeout=60)
        if response.status_code != 202:
            raise SystemExit(f"{path.name}: {response.status_code} {response.text[:300]}")
        ids.append({"id": response.json()["id"], "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    return ids


def results(base_url, ids):
    session, answers = requests.Session(), {}
    for image_id in ids:
        result = session.get(f"{base_url}/api/results/{image_id}", timeout=30)
        original = session.get(f"{base_url}/api/image/{image_id}/original", timeout=30)
        annotated = session.get(f"{base_url}/api/image/{image_id}/annotated", timeout=30)
        answers[image_id] = {
            "status": result.json().get("status"),
            "original_sha256": hashlib.sha256(original.content).hexdigest() if original.status_code == 200 else None,
            "annotated": annotated.status_code == 200 and annotated.content[:2] == b"\xff\xd8",
        }
    return answers


if __name__ == "__main__":
    command, base_url, *rest = sys.argv[1:]
    output = upload(base_url, rest[0]) if command == "upload" else results(base_url, rest)
    json.dump(output, sys.stdout)
