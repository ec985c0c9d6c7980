"""RunLogger's API and file: refusals, shapes, torch-like inputs, thinning, crash safety, last items."""
import base64
import json
import os
import tempfile
import unittest

import numpy as np

from balance_lab import LOSS_IDS, RunLogger
import balance_lab.logger as logger_module
import balance_lab.runfile as runfile
from balance_lab.logger import MAX_ITEMS, thin


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def decode(a):
    dtype = {"float32": "<f4", "float64": "<f8"}[a["dtype"]]
    return np.frombuffer(base64.b64decode(a["base64"]), dtype=dtype)


class FakeTensor:
    """What duck typing relies on: .detach().cpu().numpy(), as a torch tensor offers."""

    def __init__(self, a):
        self.a = a
        self.calls = []

    def detach(self):
        self.calls.append("detach")
        return self

    def cpu(self):
        self.calls.append("cpu")
        return self

    def numpy(self):
        self.calls.append("numpy")
        return self.a


class RunLoggerTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "run.json")
        self.rng = np.random.default_rng(7)

    def tearDown(self):
        self.dir.cleanup()

    def batch(self, n=2, h=6, w=5):
        p = self.rng.random((n, h, w)).astype(np.float32)
        y = (self.rng.random((n, h, w)) > 0.7).astype(np.float32)
        return p, y

    def test_unknown_loss_is_refused_with_the_list(self):
        with self.assertRaises(ValueError) as ctx:
            RunLogger(self.path, loss="lovasz")
        for loss_id in LOSS_IDS:
            self.assertIn(loss_id, str(ctx.exception))

    def test_settings_out_of_range_are_refused(self):
        with self.assertRaises(ValueError):
            RunLogger(self.path, t_hard=0.2)
        with self.assertRaises(ValueError):
            RunLogger(self.path, eps=2)

    def test_with_block_writes_a_file_of_the_log_format(self):
        p, y = self.batch()
        with RunLogger(self.path, loss="balance", t=0.4, name="my run") as log:
            log.log(3, p, y, loss=0.25, stage=1)
        run = read(self.path)
        self.assertEqual((run["format"], run["version"], run["name"], run["step"]), ("balance-lab-log", 1, "my run", 3))
        self.assertEqual(run["settings"], {"loss": "balance", "t": 0.4, "tHard": 0.9, "a": 0.5, "eps": "reference"})
        entry = run["history"][0]
        self.assertEqual((entry["step"], entry["stage"], entry["loss"]), (3, 1, 0.25))
        self.assertEqual(entry["grad"]["trained"], "intra")  # Balance's stage 1 trains Intra-CBL
        self.assertEqual(entry["eps"], float((y > 0.5).sum()) / y.size)  # pooled f/N under 'reference'

    def test_without_with_and_close_refuses_more(self):
        log = RunLogger(self.path, loss="bce")
        p, y = self.batch()
        log.log(0, p, y, loss=1.0)
        log.close()
        with self.assertRaises(RuntimeError):
            log.log(1, p, y)
        self.assertEqual(read(self.path)["history"][0]["stage"], None)

    def test_channel_axis_and_torch_like_tensors(self):
        p, y = self.batch(3, 4, 7)
        fake = FakeTensor(p[:, None])
        with RunLogger(self.path) as log:
            log.log(1, fake, FakeTensor(y[:, None].astype(bool)), images=FakeTensor(np.stack([p, p, y], 1)))
        self.assertEqual(fake.calls, ["detach", "cpu", "numpy"])
        last = read(self.path)["last"]
        self.assertEqual((last["n"], last["height"], last["width"]), (3, 4, 7))
        self.assertTrue(np.array_equal(decode(last["p"]), p.ravel()))

    def test_bad_shapes_and_values_are_named(self):
        with RunLogger(self.path) as log:
            with self.assertRaisesRegex(ValueError, "shape"):
                log.log(0, np.zeros((4, 4), np.float32), np.zeros((4, 4)))
            with self.assertRaisesRegex(ValueError, "sigmoid"):
                log.log(0, np.full((1, 2, 2), 3.0), np.zeros((1, 2, 2)))
            with self.assertRaisesRegex(ValueError, "masks have shape"):
                log.log(0, np.zeros((1, 2, 2)), np.zeros((1, 2, 3)))
        self.assertFalse(os.path.exists(self.path))

    def test_last_predictions_are_the_first_16_items_exactly_as_float32(self):
        p, y = self.batch(20, 3, 3)
        images = self.rng.normal(size=(20, 3, 3)) * 50 + 10
        with RunLogger(self.path) as log:
            log.log(5, p.astype(np.float64), y, images=images)
        last = read(self.path)["last"]
        self.assertEqual(last["n"], MAX_ITEMS)
        self.assertEqual(last["p"]["dtype"], "float32")
        self.assertTrue(np.array_equal(decode(last["p"]), p[:MAX_ITEMS].ravel()))
        self.assertTrue(np.array_equal(decode(last["masks"]), y[:MAX_ITEMS].ravel()))
        shown = decode(last["images"]).reshape(MAX_ITEMS, 9)
        self.assertTrue(np.allclose(shown.min(axis=1), 0) and np.allclose(shown.max(axis=1), 1))
        # The history still sees all 20 items of the step.
        hist = read(self.path)["history"][0]["hist"]
        total = decode(hist["bgCount"]).sum() + decode(hist["fgCount"]).sum() + hist["bgZero"] + hist["fgErrOne"]
        self.assertEqual(total, p.size)

    def test_history_is_thinned_as_in_the_lab(self):
        self.assertEqual(thin(list(range(7))), [0, 2, 4, 6])
        self.assertEqual(thin(list(range(6))), [0, 2, 4, 5])
        self.assertEqual((logger_module.MAX_HISTORY, logger_module.MAX_STEPS), (600, 4000))  # the lab's bounds
        p, y = self.batch(1, 2, 2)
        # The same rule at small bounds (600 full-size rewrites would make a slow test).
        bounds = (logger_module.MAX_HISTORY, logger_module.MAX_STEPS)
        logger_module.MAX_HISTORY, logger_module.MAX_STEPS = 8, 12
        try:
            with RunLogger(self.path) as log:
                for step in range(21):
                    log.log(step, p, y, loss=float(step))
                    run = read(self.path)
                    self.assertLessEqual(len(run["history"]), 8)
                    self.assertLessEqual(len(run["steps"]), 12)
        finally:
            logger_module.MAX_HISTORY, logger_module.MAX_STEPS = bounds
        # By hand: 0..8 → 0 2 4 6 8; +9..12 → 0 4 8 10 12; +13..16 → 0 8 12 14 16; +17..20 → 0 12 16 18 20.
        self.assertEqual([e["step"] for e in run["history"]], [0, 12, 16, 18, 20])
        self.assertEqual(run["step"], 20)

    def test_a_step_that_goes_back_drops_the_points_it_redoes(self):
        p, y = self.batch()
        with RunLogger(self.path) as log:
            for step in (0, 10, 20, 30):
                log.log(step, p, y)
            log.log(15, p, y)
        self.assertEqual([e["step"] for e in read(self.path)["history"]], [0, 10, 15])

    def test_every_log_leaves_a_complete_file_and_no_temporary_files(self):
        p, y = self.batch()
        with RunLogger(self.path) as log:
            for step in range(3):
                log.log(step, p, y, loss=float("nan") if step == 1 else 0.5)
                self.assertEqual(read(self.path)["step"], step)
        self.assertEqual(os.listdir(self.dir.name), ["run.json"])
        self.assertEqual(read(self.path)["history"][1]["loss"], "NaN")

    def test_a_crash_while_writing_keeps_the_previous_file(self):
        p, y = self.batch()
        log = RunLogger(self.path)
        log.log(0, p, y)
        with open(self.path, encoding="utf-8") as f:
            before = f.read()
        real = runfile.os.replace

        def crash(src, dst):
            raise OSError("killed before the rename")

        runfile.os.replace = crash
        try:
            with self.assertRaises(OSError):
                log.log(1, p, y)
        finally:
            runfile.os.replace = real
        with open(self.path, encoding="utf-8") as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(os.listdir(self.dir.name), ["run.json"])


if __name__ == "__main__":
    unittest.main()
