// Confidence arithmetic shared by the ranking steps.

/** Independent pieces of evidence: 1 - Π(1 - wᵢ). */
export const noisyOr = (weights: readonly number[]): number => 1 - weights.reduce((acc, w) => acc * (1 - Math.max(0, Math.min(1, w))), 1);

export const round2 = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
