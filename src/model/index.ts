/** Public entry of the model library: the seeded U-Net used by the training engine. */
export { buildUNet, countParams, trainableVariables, OUTPUT_BIAS_INIT } from './unet';
export { UNET_DEFAULTS, validateUNetConfig, MAX_SEED, MIN_BASE_WIDTH, MAX_BASE_WIDTH } from './config';
export type { UNetConfig } from './config';
export { enableFastCpuConvGrad, disableFastCpuConvGrad, isFastCpuConvGradEnabled } from './cpuConvGrad';
export { registerWasmKernels } from './wasmKernels';
