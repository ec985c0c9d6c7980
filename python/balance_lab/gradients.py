"""Where a loss pushes: per-pixel |∂L/∂z| (p = σ(z)) in closed form, float64, for every loss of the lab.

A line-by-line port of the lab's src/core/gradients.ts (docs/design.md §1.3), with the same order
of floating-point operations, so the gradient histograms the logger writes equal the lab's:
- p is float32; the clamp bounds are float32 (1e−7, 1 − 1e−7); a clamped pixel gets 0 from the
  cross-entropy losses, as tfjs's clip gradient gives;
- Intra-CBL's hard test is q ≤ float32(t_h) with q = p̃ on FG and float32(1 − p̃) on BG;
- Inter-CBL's hard background H is the top k = min(f, b) background by p̃, pixels tied at the
  k-th value sharing the remaining slots; easy background weighs 1/N ('reference', or H empty)
  or ε/k (numeric ε);
- CE losses are per image, then averaged over the n images; Dice and Tversky pool the batch.
"""
from __future__ import annotations

from typing import Union

import numpy as np

from .histogram import sequential_sum

LOSS_IDS = ("balance", "intra", "inter", "bce", "wce", "dice", "tversky", "focal")
LOSS_LABELS = {
    "balance": "Balance loss",
    "intra": "Intra-CBL",
    "inter": "Inter-CBL",
    "bce": "BCE",
    "wce": "WCE (inverse frequency)",
    "dice": "Dice",
    "tversky": "Tversky (α 0.3, β 0.7)",
    "focal": "Focal (γ 2, α 0.25)",
}

CLAMP = 1e-7
LOW = float(np.float32(CLAMP))
HIGH = float(np.float32(1 - CLAMP))
DICE_SMOOTH = 1e-5
TVERSKY_ALPHA, TVERSKY_BETA, TVERSKY_SMOOTH = 0.3, 0.7, 1
FOCAL_GAMMA, FOCAL_ALPHA = 2, 0.25

Eps = Union[float, str]

_MIX = {  # uniform, class mean, intra, inter (balance: a and 1 − a)
    "bce": (1, 0, 0, 0),
    "wce": (0, 1, 0, 0),
    "intra": (0, 0, 1, 0),
    "inter": (0, 0, 0, 1),
}


def _f32(x: np.ndarray) -> np.ndarray:
    """Rounds float64 values to float32 and back, as Math.fround does."""
    return x.astype(np.float32).astype(np.float64)


def _inv(c: float) -> float:
    return 1 / c if c > 0 else 0


def _weighted_ce_image(p: np.ndarray, fg: np.ndarray, n: int, mix: tuple, t_hard: float, eps: Eps) -> np.ndarray:
    """One image of Σ W_i ℓ_i: g = W (1 − p)/n on FG and W p/n on BG (the sigmoid slope cancels 1/q)."""
    uniform_w, class_w, intra_w, inter_w = mix
    size = p.size
    pc = np.clip(p, LOW, HIGH)
    th = float(np.float32(t_hard))
    f = int(np.count_nonzero(fg))
    b = size - f
    fg_hard = int(np.count_nonzero(fg & (pc <= th)))
    bg_hard = int(np.count_nonzero(~fg & (_f32(1 - pc) <= th)))
    k = min(f, b)
    kth, tied_share = np.inf, 0.0
    if inter_w != 0 and k > 0:
        bg_values = pc[~fg]
        kth = float(np.partition(bg_values, b - k)[b - k])
        above = int(np.count_nonzero(bg_values > kth))
        tied = int(np.count_nonzero(bg_values == kth))
        tied_share = (k - above) / tied if tied > 0 else 0.0
    w_h = _inv(k)
    w_e = 1 / size if eps == "reference" or k == 0 else eps / k
    scale = 1 / n
    uniform = uniform_w / size
    w_fg_class = class_w * 0.5 * _inv(f)
    w_bg_class = class_w * 0.5 * _inv(b)
    w_fg_hard = intra_w * _inv(fg_hard)
    w_fg_easy = intra_w * _inv(f - fg_hard)
    w_bg_hard = intra_w * _inv(bg_hard)
    w_bg_easy = intra_w * _inv(b - bg_hard)
    w_fg_inter = inter_w * _inv(f)
    w_fg = uniform + w_fg_class + np.where(p <= th, w_fg_hard, w_fg_easy) + w_fg_inter
    h = np.where(p > kth, 1.0, np.where(p == kth, tied_share, 0.0))
    intra_bg = np.where(_f32(1 - p) <= th, w_bg_hard, w_bg_easy)
    w_bg = uniform + w_bg_class + intra_bg + inter_w * (h * w_h + (1 - h) * w_e)
    g = np.where(fg, w_fg * scale * (1 - p), w_bg * scale * p)
    return np.where((p >= LOW) & (p <= HIGH), g, 0.0)


def _focal(p: np.ndarray, fg: np.ndarray) -> np.ndarray:
    """Mean over all pixels of c (1 − q)^γ (−log q); |d/dz| as in the lab (γ = 2 written out)."""
    scale = 1 / p.size
    q = np.where(fg, p, 1 - p)
    c = np.where(fg, FOCAL_ALPHA, 1 - FOCAL_ALPHA)
    rest = 1 - q
    with np.errstate(divide="ignore", invalid="ignore"):
        g = c * scale * (FOCAL_GAMMA * rest * -np.log(q) * (p * (1 - p)) + rest * rest * np.where(fg, 1 - p, p))
    return np.where((p >= LOW) & (p <= HIGH), g, 0.0)


def _dice(p: np.ndarray, fg: np.ndarray) -> np.ndarray:
    """Two-class soft Dice over the whole batch, unclamped p."""
    m = fg.astype(np.float64)
    i_fg = sequential_sum(p * m)
    p_fg = sequential_sum(p)
    y_fg = float(np.count_nonzero(fg))
    i_bg = sequential_sum((1 - p) * (1 - m))
    p_bg = sequential_sum(1 - p)
    d_fg = p_fg + y_fg + DICE_SMOOTH
    d_bg = p_bg + (p.size - y_fg) + DICE_SMOOTH
    s_fg = (2 * i_fg + DICE_SMOOTH) / d_fg
    s_bg = (2 * i_bg + DICE_SMOOTH) / d_bg
    dl_dp = -0.5 * ((2 * m - s_fg) / d_fg - (2 * (1 - m) - s_bg) / d_bg)
    return np.abs(dl_dp) * p * (1 - p)


def _tversky(p: np.ndarray, fg: np.ndarray) -> np.ndarray:
    """Tversky (α 0.3, β 0.7, smooth 1) over the whole batch, unclamped p."""
    tp = sequential_sum(p[fg])
    fn = sequential_sum(1 - p[fg])
    fp = sequential_sum(p[~fg])
    a = tp + TVERSKY_SMOOTH
    b = tp + TVERSKY_ALPHA * fp + TVERSKY_BETA * fn + TVERSKY_SMOOTH
    fg_slope = abs(b - a * (1 - TVERSKY_BETA)) / (b * b)
    bg_slope = (a * TVERSKY_ALPHA) / (b * b)
    return np.where(fg, fg_slope, bg_slope) * p * (1 - p)


def check_loss(loss: str) -> str:
    if loss not in LOSS_IDS:
        raise ValueError(f"unknown loss {loss!r}: use one of {', '.join(LOSS_IDS)}")
    return loss


def pixel_gradients(loss: str, p: np.ndarray, y: np.ndarray, t_hard: float, eps: Eps, a: float) -> np.ndarray:
    """|∂L/∂z| per pixel for predictions p and masks y of shape (n, H, W), flattened in pixel order."""
    check_loss(loss)
    p = np.asarray(p, dtype=np.float32).astype(np.float64)
    n = p.shape[0]
    flat = p.reshape(n, -1)
    fg = (np.asarray(y) > 0.5).reshape(n, -1)
    if loss == "dice":
        return _dice(flat.ravel(), fg.ravel())
    if loss == "tversky":
        return _tversky(flat.ravel(), fg.ravel())
    if loss == "focal":
        return _focal(flat.ravel(), fg.ravel())
    mix = (0, 0, a, 1 - a) if loss == "balance" else _MIX[loss]
    return np.concatenate([_weighted_ce_image(flat[r], fg[r], n, mix, t_hard, eps) for r in range(n)])


def trained_loss_at(loss: str, stage) -> str:
    """The loss trained at a step: Intra-CBL during the Balance loss's stage 1 (Algorithm 1)."""
    return "intra" if loss == "balance" and stage == 1 else loss
