// Leeches (rslib states/review.rs leech_threshold_met): at the threshold, then every half of it.

export function leechThresholdMet(lapses: number, threshold: number): boolean {
	if (threshold <= 0) return false;
	const half = Math.max(Math.ceil(threshold / 2), 1);
	return lapses >= threshold && (lapses - threshold) % half === 0;
}

export const LEECH_TAG = 'leech';
/** Deck-option value for "suspend card" (1 is "tag only"). */
export const LEECH_ACTION_SUSPEND = 0;
