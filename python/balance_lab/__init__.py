"""balance_lab: log a binary-segmentation training run for the Balance-loss lab to view.

    from balance_lab import RunLogger
    with RunLogger("run.json", loss="balance", name="UNet on my data") as log:
        log.log(step, probs, masks, loss=float(loss))
"""
__version__ = "0.1.0"

from .gradients import LOSS_IDS, pixel_gradients  # noqa: E402
from .histogram import gradient_histogram, prediction_histogram, test_metrics  # noqa: E402
from .logger import RunLogger  # noqa: E402

__all__ = ["RunLogger", "LOSS_IDS", "pixel_gradients", "prediction_histogram", "gradient_histogram", "test_metrics", "__version__"]
