"""Reference timing, not part of the app: one training step of the lab's default U-Net in PyTorch.

Same net as src/model/unet.ts at the defaults (64 px, 3 levels, width 8, 120,681 parameters),
batch 8, Adam, Balance loss (a = 0.5, t_h = 0.9, the authors' epsilon = f/N) computed as a
cross-entropy with per-pixel weights built without gradient, as src/losses/cbl.ts does.
Run with Debian's python3-torch:  /usr/bin/python3 bench/pytorch/unet_step.py [threads]
Prints one JSON line: {"torchStepMs": median, "torchMinMs": fastest, "threads": n, "params": count}.
"""
import json, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(1)


def conv(ci, co):
    return nn.Sequential(nn.Conv2d(ci, co, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, levels=3, width=8):
        super().__init__()
        w = [width * 2 ** l for l in range(levels + 1)]
        self.enc = nn.ModuleList()
        ci = 1
        for l in range(levels):
            self.enc.append(nn.Sequential(conv(ci, w[l]), conv(w[l], w[l])))
            ci = w[l]
        self.bottleneck = nn.Sequential(conv(ci, w[levels]), conv(w[levels], w[levels]))
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        ci = w[levels]
        for l in reversed(range(levels)):
            self.up.append(nn.ConvTranspose2d(ci, w[l], 2, stride=2))
            self.dec.append(nn.Sequential(conv(2 * w[l], w[l]), conv(w[l], w[l])))
            ci = w[l]
        self.out = nn.Conv2d(ci, 1, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for up, dec, skip in zip(self.up, self.dec, reversed(skips)):
            x = dec(torch.cat([skip, up(x)], 1))
        return torch.sigmoid(self.out(x))


def balance_loss(p, y, a=0.5, t_hard=0.9):
    n = p.shape[0]
    p = p.reshape(n, -1).clamp(1e-7, 1 - 1e-7)
    y = y.reshape(n, -1)
    q = torch.where(y > 0.5, p, 1 - p)
    with torch.no_grad():
        fg, bg = y, 1 - y
        hard = (q <= t_hard).float()
        mean_w = lambda m: m / m.sum(1, keepdim=True).clamp(min=1)
        intra = mean_w(fg * hard) + mean_w(fg * (1 - hard)) + mean_w(bg * hard) + mean_w(bg * (1 - hard))
        f, b = fg.sum(1, keepdim=True), bg.sum(1, keepdim=True)
        k = torch.minimum(f, b)
        score = p * bg + (bg - 1)
        kth = torch.gather(torch.sort(score, 1, descending=True).values, 1, (k - 1).clamp(min=0).long())
        h = bg * (score >= kth).float() * (k > 0).float()
        inter = mean_w(fg) + h / k.clamp(min=1) + (bg - h) / p.shape[1]
        weights = a * intra + (1 - a) * inter
    return -(weights * torch.log(q)).sum(1).mean()


model = UNet()
params = sum(p.numel() for p in model.parameters())
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
x = torch.rand(8, 1, 64, 64)
y = (torch.rand(8, 1, 64, 64) > 0.98).float()
times = []
for i in range(25):
    start = time.perf_counter()
    opt.zero_grad()
    loss = balance_loss(model(x), y)
    loss.backward()
    opt.step()
    float(loss)
    times.append((time.perf_counter() - start) * 1000)
times = sorted(times[5:])
print(json.dumps({"torchStepMs": round(times[len(times) // 2], 1), "torchMinMs": round(times[0], 1), "threads": threads, "params": params}))
