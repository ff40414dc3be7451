import type { JudgeWeights } from './judge'

// Written by scripts/ocr/fit-judge.mjs (clean weight 5); do not edit: rerun the script.
// Features (judge.ts, FEATURES): lmGain, channel, damage, readRarity, observed, near.
export const JUDGE: JudgeWeights = { weights: [0.6265, 0.2236, 0.205, 0.4192, 0.4579, 1.7037], bias: -10.1129 }
