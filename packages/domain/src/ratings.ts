// Rating maths shown to residents. Pure functions: every number on a page can be traced to one of these.

/** Reviews a service needs before its own average outweighs the prior (see DESIGN.md, ranking). */
export const BAYESIAN_PRIOR_WEIGHT = 5;

/**
 * Bayesian average: pulls services with few reviews towards the prior mean, so one five-star review
 * does not outrank forty very good ones.
 */
export function bayesianScore(
  mean: number,
  count: number,
  priorMean: number,
  priorWeight = BAYESIAN_PRIOR_WEIGHT,
): number {
  if (count <= 0) return priorMean;
  return (priorMean * priorWeight + mean * count) / (priorWeight + count);
}

/** "4.6 out of 5 from 37 reviews": ratings are always available as text, not only as stars. */
export function ratingText(mean: number | null, count: number): string {
  if (count === 0 || mean === null) return 'No reviews yet';
  const reviews = count === 1 ? '1 review' : `${count} reviews`;
  return `${mean.toFixed(1)} out of 5 from ${reviews}`;
}

/** Whole and half stars for display, clamped to 0..5. */
export function starsFor(mean: number): { full: number; half: boolean; empty: number } {
  const clamped = Math.min(5, Math.max(0, mean));
  const roundedToHalf = Math.round(clamped * 2) / 2;
  const full = Math.floor(roundedToHalf);
  const half = roundedToHalf - full === 0.5;
  return { full, half, empty: 5 - full - (half ? 1 : 0) };
}
