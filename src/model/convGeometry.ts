import * as tf from '@tensorflow/tfjs';

/** Attributes tfjs hands the conv gradient kernels (Conv2DBackpropFilter's; Input's adds inputShape). */
export interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

type Shape4 = [number, number, number, number];

/** The geometry of a stride-s, dilation-1 NHWC convolution, as tfjs's own kernels compute it. */
export function nhwcConvInfo(
  inputShape: Shape4,
  filterShape: Shape4,
  attrs: Pick<ConvGradAttrs, 'strides' | 'pad' | 'dimRoundingMode'>,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}
