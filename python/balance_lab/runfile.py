"""The text of a logged-run file ("balance-lab-log", version 1; docs/python-logger.md).

Arrays are little-endian base64 with their element type named, as the lab's run files write them
(src/export/binary.ts), so the lab reads back the same bits. JSON has no NaN or ±Infinity: they
are written as the strings "NaN", "Infinity" and "-Infinity", which the lab's reader accepts.
"""
from __future__ import annotations

import base64
import json
import math
import os
import tempfile
from typing import Any, Dict, List

import numpy as np

FORMAT = "balance-lab-log"
VERSION = 1


def encode_array(a: np.ndarray, dtype: str) -> Dict[str, str]:
    raw = np.ascontiguousarray(a, dtype="<f4" if dtype == "float32" else "<f8").tobytes()
    return {"dtype": dtype, "base64": base64.b64encode(raw).decode("ascii")}


def plain(value: Any) -> Any:
    """JSON-ready: numpy scalars to Python numbers, float64 arrays encoded, non-finite numbers spelled out."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return encode_array(value, "float32" if value.dtype == np.float32 else "float64")
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return value


def dumps(value: Any) -> str:
    return json.dumps(plain(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def file_parts(header: Dict[str, Any], history_texts: List[str], steps: List[Dict[str, Any]], last: Dict[str, Any]) -> List[str]:
    """The whole file as pieces; history entries come pre-serialised (each is encoded once, then reused)."""
    head = dumps(header)[:-1]  # the header object, left open for the lists that follow
    parts = [head, ',"history":[\n']
    for i, text in enumerate(history_texts):
        parts.append(text if i == 0 else ",\n" + text)
    parts += ['\n],"steps":', dumps(steps), ',"last":', dumps(last), "}\n"]
    return parts


def write_atomically(path: str, parts: List[str]) -> None:
    """Writes beside the target, then renames over it (os.replace is atomic): a crash of the training
    process at any point leaves either the previous complete file or the new one, never a torn file.
    No fsync: it would double the cost of each log, and guards only against the machine itself going down."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".balance-lab-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(parts)
        # mkstemp makes the file private (0600); the run file gets the usual permissions.
        os.chmod(tmp, os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
