"""The histograms bin as the lab does (src/core/histogram.ts): edges, the kept-apart ends, sums in order."""
import unittest

import numpy as np

from balance_lab.histogram import gradient_histogram, prediction_histogram, test_metrics


class PredictionHistogramTest(unittest.TestCase):
    def test_bins_open_below_for_background_and_closed_below_for_foreground(self):
        # On an edge: background p = 0.25 belongs to (0.24, 0.25], foreground error 0.25 to [0.25, 0.26).
        p = np.array([[[0.25, 0.75, 0.0, 1.0]]], dtype=np.float32)
        y = np.array([[[0, 1, 0, 1]]], dtype=np.float32)
        h = prediction_histogram(p, y, bins=100)
        self.assertEqual(h["bgCount"][24], 1)
        self.assertEqual(h["fgCount"][25], 1)  # error 1 − 0.75 = 0.25
        self.assertEqual(h["bgZero"], 1)  # p = 0 is never > t: kept apart
        self.assertEqual(h["fgCount"][0], 1)  # p = 1: error 0 in the first bin
        self.assertEqual(h["fgErrOne"], 0)

    def test_error_one_is_kept_apart(self):
        h = prediction_histogram(np.zeros((1, 1, 2), np.float32), np.ones((1, 1, 2), np.float32))
        self.assertEqual(h["fgErrOne"], 2)
        self.assertEqual(h["fgCount"].sum(), 0)

    def test_counts_cover_every_pixel_and_sums_are_the_soft_counts(self):
        rng = np.random.default_rng(3)
        p = rng.random((3, 8, 9)).astype(np.float32)
        y = (rng.random((3, 8, 9)) > 0.8).astype(np.float32)
        h = prediction_histogram(p, y)
        self.assertEqual(h["bgCount"].sum() + h["bgZero"] + h["fgCount"].sum() + h["fgErrOne"], p.size)
        p64 = p.astype(np.float64)
        self.assertAlmostEqual(h["bgSum"].sum(), p64[y <= 0.5].sum(), places=9)
        self.assertAlmostEqual(h["fgErrSum"].sum(), (1 - p64[y > 0.5]).sum(), places=9)

    def test_every_value_lies_inside_its_bin(self):
        p = (np.arange(0, 1001) / 1000).astype(np.float32).reshape(1, 7, 143)
        for y_value, key in ((0, "bgCount"), (1, "fgCount")):
            h = prediction_histogram(p, np.full(p.shape, y_value, np.float32))
            self.assertEqual(int(h[key].sum() + h["bgZero"] + h["fgErrOne"]), p.size)

    def test_gradient_histogram_total_and_background_part(self):
        p = np.array([[[0.0, 0.3, 0.9, 0.6]]], np.float32)
        y = np.array([[[0, 0, 1, 0]]], np.float32)
        g = np.array([1.0, 2.0, 4.0, 8.0])
        h = gradient_histogram(g, p, y, bins=10)
        self.assertEqual(h["total"], 15.0)
        self.assertEqual(h["bgZero"], 1.0)
        # float32(0.3) is 0.300000011920929 > 0.3, so it falls in (0.3, 0.4]: binning sees the float32 value.
        self.assertEqual(h["bgSum"][3], 2.0)
        self.assertEqual(h["bgSum"][6], 8.0)
        self.assertEqual(h["bgSum"].sum(), 10.0)

    def test_metrics_cut_at_one_half(self):
        p = np.array([[[0.5, 0.51, 0.5, 0.49]]], np.float32)
        y = np.array([[[1, 1, 0, 0]]], np.float32)
        m = test_metrics(p, y)
        # 1 − 0.5 ≥ 0.5: a foreground pixel at exactly 0.5 is a miss; background at 0.5 is not > 0.5.
        self.assertEqual((m["tp"], m["fp"], m["fn"]), (1, 0, 1))
        self.assertAlmostEqual(m["dice"], 2 / 3)


if __name__ == "__main__":
    unittest.main()
