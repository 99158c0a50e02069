// Caps that keep a hostile package from filling the disk or memory ("zip bombs").

export interface PackageLimits {
	/** Absolute cap for any one extracted file (collection or media). */
	maxEntryBytes: number;
	/** Largest accepted expansion (uncompressed / compressed) once past ratioFloorBytes. */
	maxRatio: number;
	/** Outputs up to this size are accepted at any ratio (small, highly compressible files are normal). */
	ratioFloorBytes: number;
	/** Cap for the `meta` and `media` list entries, which are metadata. */
	maxListBytes: number;
}

export const defaultLimits: PackageLimits = {
	maxEntryBytes: 4 * 1024 ** 3,
	maxRatio: 100,
	ratioFloorBytes: 64 * 1024 ** 2,
	maxListBytes: 64 * 1024 ** 2,
};

/** Most bytes an entry of `compressedSize` stored bytes may expand to. */
export function allowedOutput(limits: PackageLimits, compressedSize: number): number {
	return Math.min(limits.maxEntryBytes, Math.max(limits.ratioFloorBytes, limits.maxRatio * compressedSize));
}
