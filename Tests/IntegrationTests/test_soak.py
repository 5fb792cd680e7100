"""The short soak test: uploads and reads under SIGKILL chaos; nothing lost, nothing stuck."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from soak import soak  # noqa: E402


def test_short_soak_loses_nothing_and_leaves_nothing_stuck():
    report = soak(30)
    print(report)
    assert report["uploads accepted"] > 0 and report["reads"] > 0
    assert sum(report["kills"].values()) >= 5
    assert report["lost"] == 0 and report["stuck"] == 0, report
    assert report["data check ok"], report["data check"]
    assert report["data check"]["blobs_missing"] == 0
    assert report["undocumented responses"] == [], report["undocumented responses"]
