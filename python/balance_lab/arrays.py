"""Turning what a training loop hands over (torch tensors or numpy arrays) into checked numpy arrays."""
from __future__ import annotations

from typing import Any

import numpy as np


def to_numpy(x: Any, name: str) -> np.ndarray:
    """A torch tensor (by duck typing: ``.detach().cpu().numpy()``), a numpy array or a nested list."""
    if hasattr(x, "detach") and hasattr(x, "cpu"):
        x = x.detach().cpu()
        if hasattr(x, "float") and getattr(x, "dtype", None) is not None and "bfloat16" in str(x.dtype):
            x = x.float()  # numpy has no bfloat16
        x = x.numpy()
    try:
        return np.asarray(x)
    except Exception as err:  # pragma: no cover - the message is what matters
        raise TypeError(f"{name} should be a torch tensor or a numpy array, not {type(x).__name__}") from err


def as_items(x: Any, name: str) -> np.ndarray:
    """(N, H, W) or (N, 1, H, W) as an (N, H, W) array; anything else is refused with its shape."""
    a = to_numpy(x, name)
    if a.ndim == 4 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 3:
        raise ValueError(f"{name} should have shape (N, H, W) or (N, 1, H, W), but it has shape {tuple(a.shape)}")
    if a.shape[0] < 1 or a.shape[1] < 1 or a.shape[2] < 1:
        raise ValueError(f"{name} is empty: shape {tuple(a.shape)}")
    return a


def probabilities(x: Any) -> np.ndarray:
    """Predicted foreground probabilities as float32, the precision the lab keeps them in."""
    a = as_items(x, "probs")
    if a.dtype == np.bool_ or not np.issubdtype(a.dtype, np.number):
        raise TypeError(f"probs should hold numbers, but its dtype is {a.dtype}")
    p = a.astype(np.float32)
    if not np.all(np.isfinite(p)):
        raise ValueError("probs holds NaN or infinite values")
    if p.min() < 0 or p.max() > 1:
        raise ValueError(
            f"probs should be probabilities in [0, 1] (apply sigmoid first), but they span [{p.min()}, {p.max()}]"
        )
    return p


def labels(x: Any, shape: tuple) -> np.ndarray:
    """Masks as float32; a value above 0.5 counts as foreground, as in the lab."""
    a = as_items(x, "masks")
    if tuple(a.shape) != tuple(shape):
        raise ValueError(f"masks have shape {tuple(a.shape)}, but probs have {tuple(shape)}")
    y = a.astype(np.float32)
    if not np.all(np.isfinite(y)):
        raise ValueError("masks hold NaN or infinite values")
    return y


def display_images(x: Any, shape: tuple) -> np.ndarray:
    """Input images for display: (N, H, W), (N, 1, H, W) or (N, C, H, W) averaged over channels,
    each scaled to [0, 1] by its own minimum and maximum (the lab paints [0, 1] as black to white)."""
    a = to_numpy(x, "images")
    if a.ndim == 4 and a.shape[1] != 1:
        a = a.astype(np.float64).mean(axis=1)
    a = as_items(a, "images").astype(np.float64)
    if tuple(a.shape) != tuple(shape):
        raise ValueError(f"images have shape {tuple(a.shape)}, but probs have {tuple(shape)}")
    lo = np.nanmin(a, axis=(1, 2), keepdims=True)
    hi = np.nanmax(a, axis=(1, 2), keepdims=True)
    span = np.where(hi > lo, hi - lo, 1.0)
    return np.nan_to_num((a - lo) / span).astype(np.float32)
