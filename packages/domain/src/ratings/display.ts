// Ratings as people read them: text first ("4.6 out of 5 from 37 reviews"), then stars.

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
