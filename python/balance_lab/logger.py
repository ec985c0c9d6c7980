"""RunLogger: what a training loop calls to log a run the lab can open (Run → Open run)."""
from __future__ import annotations

import datetime
import math
from typing import Any, Dict, List, Optional

import numpy as np

from . import __version__
from .arrays import display_images, labels, probabilities
from .gradients import LOSS_IDS, check_loss, pixel_gradients, trained_loss_at
from .histogram import gradient_histogram, prediction_histogram, test_metrics
from .runfile import FORMAT, VERSION, dumps, file_parts, write_atomically

#: The lab's bounds (src/state/history.ts): past them every other point is dropped, first and last kept.
MAX_HISTORY = 600
MAX_STEPS = 4000
#: The last logged predictions kept exactly, for the lab's validation images and Fig. 2.
MAX_ITEMS = 16


def thin(xs: list) -> list:
    """Halves a series by dropping every other point; the first and the last are kept."""
    return [x for i, x in enumerate(xs) if i % 2 == 0 or i == len(xs) - 1]


def _number(x: Any, name: str, lo: float, hi: float) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} should be a number, not {x!r}") from err
    if not lo <= v <= hi:
        raise ValueError(f"{name} should lie in [{lo}, {hi}], but it is {v}")
    return v


class RunLogger:
    """Logs predictions, masks and the loss of a run to one JSON file that the lab views.

    Each ``log`` rewrites the file atomically, so a crash leaves a file that opens. The history
    is thinned as in the lab (at most 600 points, 4000 loss records), so the file stays bounded.
    """

    def __init__(
        self,
        path: str,
        loss: str = "balance",
        t: float = 0.5,
        t_hard: float = 0.9,
        a: float = 0.5,
        eps: Any = "reference",
        name: Optional[str] = None,
    ) -> None:
        self.path = str(path)
        self.loss = check_loss(loss)
        self.t = _number(t, "t", 0, 1)
        self.t_hard = _number(t_hard, "t_hard", 0.5, 0.999)
        self.a = _number(a, "a", 0, 1)
        self.eps = "reference" if eps == "reference" else _number(eps, "eps ('reference' or a number)", 1e-4, 1)
        self.name = str(name) if name is not None else self.path
        self.started = datetime.datetime.now(datetime.timezone.utc).isoformat()
        self._history: List[Dict[str, Any]] = []  # {"step", "text"}
        self._steps: List[Dict[str, Any]] = []
        self._last: Optional[Dict[str, Any]] = None
        self.closed = False

    def __enter__(self) -> "RunLogger":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def log(self, step: int, probs: Any, masks: Any, loss: float = float("nan"), stage: Optional[int] = None, images: Any = None) -> None:
        """Logs one step: probs (already sigmoid-ed) and masks of shape (N, H, W) or (N, 1, H, W)."""
        if self.closed:
            raise RuntimeError("this RunLogger is closed")
        if isinstance(step, bool) or int(step) != step or step < 0:
            raise ValueError(f"step should be a whole number ≥ 0, not {step!r}")
        step = int(step)
        if stage not in (None, 1, 2):
            raise ValueError(f"stage should be None, 1 or 2, not {stage!r}")
        p = probabilities(probs)
        y = labels(masks, p.shape)
        shown = display_images(images, p.shape) if images is not None else None
        self._drop_from(step)
        self._history.append({"step": step, "text": dumps(self._entry(step, p, y, float(loss), stage))})
        if len(self._history) > MAX_HISTORY:
            self._history = thin(self._history)
        self._steps.append({"step": step, "loss": float(loss), "stage": stage})
        if len(self._steps) > MAX_STEPS:
            self._steps = thin(self._steps)
        k = min(MAX_ITEMS, p.shape[0])
        self._last = {
            "step": step,
            "n": k,
            "height": p.shape[1],
            "width": p.shape[2],
            "p": p[:k],
            "masks": y[:k],
            "images": shown[:k] if shown is not None else None,
        }
        self._write()

    def _drop_from(self, step: int) -> None:
        """A run that went back to a checkpoint continues from there: points it redoes are dropped."""
        if self._history and self._history[-1]["step"] >= step:
            self._history = [e for e in self._history if e["step"] < step]
        if self._steps and self._steps[-1]["step"] >= step:
            self._steps = [r for r in self._steps if r["step"] < step]

    def _entry(self, step: int, p: np.ndarray, y: np.ndarray, loss: float, stage: Optional[int]) -> Dict[str, Any]:
        """The lab's HistoryEntry for these predictions (src/state/history.ts, src/engine/gradientTrace.ts)."""
        m = test_metrics(p, y)
        f = int(np.count_nonzero(y > 0.5))
        trained = trained_loss_at(self.loss, stage)

        def grad_hist(loss_id: str) -> Dict[str, Any]:
            return gradient_histogram(pixel_gradients(loss_id, p, y, self.t_hard, self.eps, self.a), p, y)

        bce = grad_hist("bce")
        return {
            "step": step,
            "stage": stage,
            "loss": loss,
            "dice": m["dice"],
            "iou": m["iou"],
            "fpHard": m["fp"],
            "fnHard": m["fn"],
            "hist": prediction_histogram(p, y),
            # ε of the ε-weighted FP: the pooled f/N under 'reference' (src/engine/displayEps.ts).
            "eps": f / y.size if self.eps == "reference" else self.eps,
            "grad": {"trained": trained, "trainedHist": bce if trained == "bce" else grad_hist(trained), "bceHist": bce},
        }

    def _write(self) -> None:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "writer": f"balance_lab {__version__} (Python)",
            "name": self.name,
            "startedAt": self.started,
            "savedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "settings": {"loss": self.loss, "t": self.t, "tHard": self.t_hard, "a": self.a, "eps": self.eps},
            "step": self._last["step"] if self._last else 0,
        }
        write_atomically(self.path, file_parts(header, [e["text"] for e in self._history], self._steps, self._last))

    def close(self) -> None:
        """Nothing is buffered (every log is on disk already); closing only refuses further logs."""
        self.closed = True


__all__ = ["RunLogger", "LOSS_IDS", "MAX_HISTORY", "MAX_STEPS", "MAX_ITEMS", "thin"]
