/** "Use your own data": pure import library (no React, no tfjs). */
export type {
  AnalysisItem,
  AnalysisResult,
  ImportedPair,
  ImportOptions,
  ImportProblem,
  ImportResult,
  InputFile,
  JpegDecoder,
} from './types';
export { importPairs } from './importPairs';
export { importAnalysis } from './importAnalysis';
export { resizePair } from './resize';
export { filesFromFileList, filesFromDataTransfer, decodeJpegInBrowser } from './browserFiles';
export { PAIRING_RULES, PYTORCH_SNIPPET } from './rules';
