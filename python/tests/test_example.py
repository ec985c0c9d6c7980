"""The PyTorch example: its Balance loss pushes as the lab's closed form says, and it writes a run file.

Needs PyTorch (Debian's python3-torch; .ci/run installs it): without it these tests fail, on purpose,
since the issue asks for the example to run in CI.
"""
import importlib.util
import json
import os
import tempfile
import unittest

import numpy as np
import torch

from balance_lab import pixel_gradients

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("train_and_log", os.path.join(HERE, "..", "examples", "train_and_log.py"))
example = importlib.util.module_from_spec(spec)
spec.loader.exec_module(example)


class ExampleLossTest(unittest.TestCase):
    def autograd(self, stage):
        """|∂L/∂z| of the example's loss by autograd, in float64, on predictions without ties."""
        rng = np.random.default_rng(5)
        z = torch.tensor(rng.normal(0, 2.5, (3, 1, 8, 8)), dtype=torch.float64, requires_grad=True)
        y = torch.tensor((rng.random((3, 1, 8, 8)) < 0.2).astype(np.float64))
        p = torch.sigmoid(z)
        example.balance_loss(p, y, stage, t_hard=0.9, a=0.3).backward()
        return z.grad.abs().numpy().ravel(), p.detach().numpy()[:, 0], y.numpy()[:, 0]

    def test_stage_1_is_intra_cbl_as_the_lab_computes_it(self):
        g, p, y = self.autograd(1)
        ref = pixel_gradients("intra", p.astype(np.float32), y, t_hard=0.9, eps="reference", a=0.3)
        np.testing.assert_allclose(g, ref, rtol=2e-5, atol=1e-9)

    def test_stage_2_is_the_balance_loss_as_the_lab_computes_it(self):
        g, p, y = self.autograd(2)
        ref = pixel_gradients("balance", p.astype(np.float32), y, t_hard=0.9, eps="reference", a=0.3)
        np.testing.assert_allclose(g, ref, rtol=2e-5, atol=1e-9)

    def test_switch_test_follows_the_authors_code(self):
        y = torch.zeros(2, 1, 4, 4)
        y[:, 0, 0, 0] = 1
        p = torch.full((2, 1, 4, 4), 0.05)
        self.assertFalse(example.converged(p, y, 0.9))  # the foreground pixel is not yet ≥ t_h
        p[:, 0, 0, 0] = 0.95
        self.assertTrue(example.converged(p, y, 0.9))  # and the f-th largest background 0.05 ≤ 1 − t_h


class ExampleRunTest(unittest.TestCase):
    def test_trains_and_logs_every_n_steps(self):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "run.json")
            example.main(["--out", out, "--steps", "5", "--log-every", "2", "--size", "16", "--batch", "2", "--val", "3"])
            with open(out, encoding="utf-8") as f:
                run = json.load(f)
        self.assertEqual((run["format"], run["step"]), ("balance-lab-log", 5))
        self.assertEqual([e["step"] for e in run["history"]], [2, 4, 5])
        self.assertTrue(all(e["stage"] in (1, 2) for e in run["history"]))
        self.assertEqual((run["last"]["n"], run["last"]["height"], run["last"]["width"]), (3, 16, 16))
        self.assertIsNotNone(run["last"]["images"])


if __name__ == "__main__":
    unittest.main()
