/** The user-facing description of pairing, binarisation and normalisation (docs/import.md includes it). */
export const PAIRING_RULES: string =
  '**Pairing.** Files are matched by name, ignoring case and extension (so `x.jpg` pairs with `x_mask.png`); ' +
  '`.zip` archives are expanded (folders inside them work) and `__MACOSX/` and `.DS_Store` are ignored. ' +
  'An image `dir/x.ext` pairs with a mask `dir/x_mask.*` (also `_seg`, `_label`, `_gt`, `-mask` and the variants ' +
  '`_masks`, `_segmentation`, `_labels`, `-seg`, `-label`, `-gt`), or with `masks/x.*`, `labels/x.*` or `gt/x.*` ' +
  'when the image sits in a sibling `images/` (`imgs/`, `img/`) folder (sub-folders below them must match, ' +
  'e.g. `images/a/x.png` ↔ `masks/a/x.png`); nnU-Net’s `imagesTr/x_0000.nii.gz` ↔ ' +
  '`labelsTr/x.nii.gz` works too. The analysis import pairs probability maps `x_prob.*`, `x_pred.*`, `probs/x.*` ' +
  'or `predictions/x.*` with the same masks. Supported: PNG (8/16-bit, gray, RGB, alpha, palette), JPEG, ' +
  'NIfTI-1 `.nii`/`.nii.gz` and `.npy` (float32/64, uint8, uint16, bool; shapes (H, W), (1, H, W), (H, W, 1), ' +
  '(1, 1, H, W)). **Masks** are binarised: a pixel is foreground iff its value is ≥ 50% of the mask’s maximum, ' +
  'so 0/1 label maps and 0/255 masks both work (colour masks use their largest channel, a volume its overall ' +
  'maximum; a note says when a mask had more than two values). **Images** become grayscale (RGB by luminance ' +
  '0.299 R + 0.587 G + 0.114 B, alpha ignored) and are min–max normalised to [0, 1] per image; NIfTI volumes are ' +
  'instead clipped to their 0.5th–99.5th intensity percentiles (after `scl_slope`/`scl_inter`), scaled to [0, 1] ' +
  'per volume and cut into slices along the third axis, skipping slices whose mask is empty. **Probabilities**: ' +
  '8-bit PNG v/255, 16-bit PNG v/65535, uint8 `.npy` v/255; float `.npy` values must already be in [0, 1] ' +
  '(apply `torch.sigmoid` to logits). For training each pair is stretched to the square training size by area ' +
  'averaging; a mask pixel is foreground when at least half of it is covered, and a lesion (8-connected ' +
  'component) that would vanish keeps its best-covered pixel(s), so f ≥ 1 is preserved. Images larger than 4096 px per side are not imported.';

/** Five lines that write a prediction and its mask in the formats the analysis import reads. */
export const PYTORCH_SNIPPET = `import numpy as np, torch
from PIL import Image
p = torch.sigmoid(model(x))[0, 0].detach().cpu().numpy()        # (H, W) probabilities
np.save("case1_prob.npy", p.astype(np.float32))                 # analyse: case1_prob.npy
Image.fromarray((y[0, 0].cpu().numpy() > 0).astype(np.uint8) * 255).save("case1_mask.png")`;
