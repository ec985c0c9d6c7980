"""Train a small PyTorch U-Net on synthetic imbalanced data with the Balance loss, and log the run.

    PYTHONPATH=python python3 python/examples/train_and_log.py --out run.json --steps 300 --log-every 10

Then open run.json in the Balance-loss lab with Run → Open run.

The Balance loss is written here after the paper (Xu et al., AAAI 2025, appendix Eq. 11–13 and
Algorithm 1) and the authors' released code, as the lab's docs/design.md §1.3–1.4 states it:
- p̃ = clamp(p, 1e−7, 1 − 1e−7); ℓ = −log p̃ on foreground, −log(1 − p̃) on background;
- Intra-CBL: per image, the mean ℓ of each of four groups (foreground/background × hard/easy,
  hard meaning the probability of the true class is ≤ t_h), summed; an empty group adds 0;
- Inter-CBL ('reference' ε, the authors' code): mean_FG ℓ + mean_H ℓ + Σ_E ℓ / N, where H is the
  top k = min(f, b) background pixels by p̃ and E the rest of the background;
- Balance = a · Intra-CBL + (1 − a) · Inter-CBL, per image, then the batch mean;
- two stages (Algorithm 1 with the authors' code's test): Intra-CBL until, on one step's batch,
  at least half the images have their best foreground pixel at p̃ ≥ t_h and their f-th largest
  background p̃ ≤ 1 − t_h; the Balance loss from then on.
Group membership and H are constants of the prediction (no gradient flows through them).
"""
from __future__ import annotations

import argparse
import math
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from balance_lab import RunLogger  # noqa: E402

CLAMP = 1e-7


# ---------------------------------------------------------------- data


def synthetic_batch(rng: np.random.Generator, n: int, size: int):
    """Noisy textured 'scans' with one to three small bright ellipses as the foreground (about 2 %)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    images = np.empty((n, 1, size, size), np.float32)
    masks = np.zeros((n, 1, size, size), np.float32)
    for i in range(n):
        tissue = 0.35 + 0.1 * np.sin(6 * xx + rng.uniform(0, 6)) * np.cos(5 * yy + rng.uniform(0, 6))
        m = np.zeros((size, size), bool)
        for _ in range(rng.integers(1, 4)):
            cy, cx = rng.uniform(0.15, 0.85, 2)
            ry, rx = rng.uniform(0.03, 0.08, 2)
            m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
        images[i, 0] = tissue + 0.25 * m + rng.normal(0, 0.08, (size, size))
        masks[i, 0] = m
    return torch.from_numpy(images), torch.from_numpy(masks)


# ---------------------------------------------------------------- model


def block(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU(), nn.Conv2d(c_out, c_out, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    """Two-level U-Net, no batch norm, sigmoid output with the output bias at −2 (as in the lab)."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.down1 = block(1, width)
        self.down2 = block(width, 2 * width)
        self.bottom = block(2 * width, 4 * width)
        self.up2 = nn.ConvTranspose2d(4 * width, 2 * width, 2, stride=2)
        self.dec2 = block(4 * width, 2 * width)
        self.up1 = nn.ConvTranspose2d(2 * width, width, 2, stride=2)
        self.dec1 = block(2 * width, width)
        self.head = nn.Conv2d(width, 1, 1)
        nn.init.constant_(self.head.bias, -2.0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        d1 = self.down1(x)
        d2 = self.down2(nn.functional.max_pool2d(d1, 2))
        b = self.bottom(nn.functional.max_pool2d(d2, 2))
        u2 = self.dec2(torch.cat([self.up2(b), d2], 1))
        u1 = self.dec1(torch.cat([self.up1(u2), d1], 1))
        return torch.sigmoid(self.head(u1))


# ---------------------------------------------------------------- the Balance loss


def pixel_ce(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    pc = p.clamp(CLAMP, 1 - CLAMP)
    return -(y * torch.log(pc) + (1 - y) * torch.log(1 - pc))


def safe_mean(ce: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of ce over mask per image (rows); an empty group gives 0."""
    count = mask.sum(1)
    return (ce * mask).sum(1) / count.clamp(min=1)


def intra_cbl(p: torch.Tensor, y: torch.Tensor, t_hard: float) -> torch.Tensor:
    """Per image: Σ over FG-hard, FG-easy, BG-hard, BG-easy of the group's mean ℓ."""
    ce = pixel_ce(p, y)
    with torch.no_grad():
        q = torch.where(y > 0.5, p.clamp(CLAMP, 1 - CLAMP), 1 - p.clamp(CLAMP, 1 - CLAMP))
        fg = (y > 0.5).float()
        hard = (q <= t_hard).float()
    groups = [fg * hard, fg * (1 - hard), (1 - fg) * hard, (1 - fg) * (1 - hard)]
    return sum(safe_mean(ce, g) for g in groups)


def inter_cbl(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Per image, 'reference' ε: mean_FG ℓ + mean_H ℓ + Σ_E ℓ / N (H: top min(f, b) background by p̃)."""
    ce = pixel_ce(p, y)
    n_px = p.shape[1]
    with torch.no_grad():
        fg = (y > 0.5).float()
        bg = 1 - fg
        f = fg.sum(1)
        k = torch.minimum(f, bg.sum(1)).long()
        scores = torch.where(bg > 0, p.clamp(CLAMP, 1 - CLAMP), torch.full_like(p, -1.0))
        order = scores.argsort(1, descending=True)
        rank = torch.empty_like(order)
        rank.scatter_(1, order, torch.arange(n_px, device=p.device).expand_as(order))
        hard_bg = (rank < k[:, None]).float() * bg
    easy_bg = bg - hard_bg
    return safe_mean(ce, fg) + safe_mean(ce, hard_bg) + (ce * easy_bg).sum(1) / n_px


def balance_loss(p: torch.Tensor, y: torch.Tensor, stage: int, t_hard: float, a: float) -> torch.Tensor:
    """Batch mean of the per-image loss: Intra-CBL in stage 1, a·Intra + (1 − a)·Inter in stage 2."""
    p, y = p.flatten(1), y.flatten(1)
    intra = intra_cbl(p, y, t_hard)
    if stage == 1:
        return intra.mean()
    return (a * intra + (1 - a) * inter_cbl(p, y)).mean()


@torch.no_grad()
def converged(p: torch.Tensor, y: torch.Tensor, t_hard: float) -> bool:
    """Algorithm 1's switch test with the authors' code's comparisons, on one step's batch."""
    p, y = p.flatten(1).clamp(CLAMP, 1 - CLAMP), y.flatten(1)
    num_f = num_b = 0
    for pi, yi in zip(p, y):
        f = int((yi > 0.5).sum())
        if f == 0:
            num_f, num_b = num_f + 1, num_b + 1
            continue
        num_f += float(torch.topk(yi * (1 - pi), f).values[-1]) <= 1 - t_hard
        num_b += float(torch.topk((1 - yi) * pi, f).values[-1]) <= 1 - t_hard
    n = p.shape[0]
    return num_f >= n / 2 and num_b >= n / 2


# ---------------------------------------------------------------- training


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="run.json", help="the run file to write (open it in the lab)")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--log-every", type=int, default=10, help="log every N steps (and the last step)")
    ap.add_argument("--size", type=int, default=64, help="image side in pixels (a multiple of 4)")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--val", type=int, default=8, help="validation images logged at each log")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--t-hard", type=float, default=0.9)
    ap.add_argument("--a", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    val_x, val_y = synthetic_batch(rng, args.val, args.size)
    model = UNet()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    stage = 1
    with RunLogger(args.out, loss="balance", t=0.5, t_hard=args.t_hard, a=args.a, eps="reference",
                   name=f"PyTorch U-Net, synthetic {args.size} px (train_and_log.py)") as log:
        for step in range(1, args.steps + 1):
            x, y = synthetic_batch(rng, args.batch, args.size)
            p = model(x)
            loss = balance_loss(p, y, stage, args.t_hard, args.a)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if not math.isfinite(loss.item()):
                raise SystemExit(f"the loss became {loss.item()} at step {step}")
            logged_stage = stage
            if stage == 1 and converged(p.detach(), y, args.t_hard):
                stage = 2
                print(f"step {step}: Algorithm 1 switches to the Balance loss")
            if step % args.log_every == 0 or step == args.steps:
                model.eval()
                with torch.no_grad():
                    val_p = model(val_x)
                model.train()
                log.log(step, val_p, val_y, loss=loss.item(), stage=logged_stage, images=val_x)
                print(f"step {step}: loss {loss.item():.4f}, stage {logged_stage}, logged to {args.out}")


if __name__ == "__main__":
    main()
