"""Logs fixture predictions given by the lab's tests (tests/unit/python.test.ts) through RunLogger.

Usage: python -m tests.log_manifest MANIFEST.json (from python/). The manifest lists runs, each
with a file path, the logger's settings and its steps; predictions and masks are little-endian
float32 base64 with their shape, so the logger sees exactly the lab's values.
"""
import base64
import json
import sys

import numpy as np

from balance_lab import RunLogger


def array(spec):
    return np.frombuffer(base64.b64decode(spec["base64"]), dtype="<f4").reshape(spec["shape"])


def main(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    for run in manifest["runs"]:
        with RunLogger(run["out"], name=run["name"], **run["settings"]) as log:
            for s in run["steps"]:
                images = array(s["images"]) if s.get("images") else None
                log.log(s["step"], array(s["p"]), array(s["y"]), loss=s["loss"], stage=s["stage"], images=images)


if __name__ == "__main__":
    main(sys.argv[1])
