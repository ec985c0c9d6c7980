"""The lab's fine histograms, bin for bin (src/core/histogram.ts, src/core/gradientHistogram.ts).

Predictions are float32; every comparison and sum runs in float64 on those float32 values, in
pixel order, exactly as the TypeScript does, so the two give the same bits:
- background p goes to (lo, hi] bins, p = 0 apart (bgZero);
- foreground error 1 − p goes to [lo, hi) bins, 1 − p = 1 apart (fgErrOne);
- np.bincount adds its weights one by one in input order, like the TypeScript loop.
"""
from __future__ import annotations

from typing import Dict

import numpy as np

BINS = 1000


def _open_below_bin(v: np.ndarray, bins: int) -> np.ndarray:
    """Index of the (lo, hi] bin of each v in [0, 1]; the edge j / bins settles any rounding."""
    j = np.minimum(bins - 1, np.maximum(0, np.ceil(v * bins) - 1)).astype(np.int64)
    down = (j > 0) & (v <= j / bins)
    up = ~down & (j < bins - 1) & (v > (j + 1) / bins)
    return j - down + up


def _closed_below_bin(v: np.ndarray, bins: int) -> np.ndarray:
    """Index of the [lo, hi) bin of each v in [0, 1]."""
    j = np.minimum(bins - 1, np.maximum(0, np.floor(v * bins))).astype(np.int64)
    down = (j > 0) & (v < j / bins)
    up = ~down & (j < bins - 1) & (v >= (j + 1) / bins)
    return j - down + up


def sequential_sum(x: np.ndarray) -> float:
    """Σ x added left to right, as a JavaScript loop adds (np.sum adds pairwise, which differs)."""
    return float(np.cumsum(x, dtype=np.float64)[-1]) if x.size else 0.0


def prediction_histogram(p: np.ndarray, y: np.ndarray, bins: int = BINS) -> Dict[str, object]:
    """Counts and sums of background p and foreground 1 − p per bin (the lab's PredictionHistogram)."""
    p64 = np.asarray(p, dtype=np.float32).ravel().astype(np.float64)
    fg = np.asarray(y).ravel() > 0.5
    err = 1.0 - p64[fg]
    fg_one = err == 1
    err = err[~fg_one]
    fg_bin = _closed_below_bin(err, bins)
    bg = p64[~fg]
    bg_zero = bg == 0
    bg = bg[~bg_zero]
    bg_bin = _open_below_bin(bg, bins)
    return {
        "bins": bins,
        "bgCount": np.bincount(bg_bin, minlength=bins).astype(np.float64),
        "bgSum": np.bincount(bg_bin, weights=bg, minlength=bins).astype(np.float64),
        "fgCount": np.bincount(fg_bin, minlength=bins).astype(np.float64),
        "fgErrSum": np.bincount(fg_bin, weights=err, minlength=bins).astype(np.float64),
        "bgZero": float(np.count_nonzero(bg_zero)),
        "fgErrOne": float(np.count_nonzero(fg_one)),
    }


def gradient_histogram(g: np.ndarray, p: np.ndarray, y: np.ndarray, bins: int = BINS) -> Dict[str, object]:
    """Σ|∂L/∂z| of background pixels per (lo, hi] p bin, p = 0 apart, and the total over all pixels."""
    g = np.asarray(g, dtype=np.float64).ravel()
    p64 = np.asarray(p, dtype=np.float32).ravel().astype(np.float64)
    bg = ~(np.asarray(y).ravel() > 0.5)
    zero = bg & (p64 == 0)
    rest = bg & (p64 != 0)
    return {
        "bins": bins,
        "bgSum": np.bincount(_open_below_bin(p64[rest], bins), weights=g[rest], minlength=bins).astype(np.float64),
        "bgZero": sequential_sum(g[zero]),
        "total": sequential_sum(g),
    }


def test_metrics(p: np.ndarray, y: np.ndarray) -> Dict[str, float]:
    """Hard counts and scores at p > 0.5 (the lab's test cut; a 0/0 score is 1)."""
    p64 = np.asarray(p, dtype=np.float32).ravel().astype(np.float64)
    fg = np.asarray(y).ravel() > 0.5
    fn = int(np.count_nonzero(fg & (1.0 - p64 >= 0.5)))
    tp = int(np.count_nonzero(fg)) - fn
    fp = int(np.count_nonzero(~fg & (p64 > 0.5)))

    def ratio(num: float, den: float) -> float:
        return num / den if den > 0 else 1.0

    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "dice": ratio(2 * tp, 2 * tp + fp + fn),
        "iou": ratio(tp, tp + fp + fn),
    }
