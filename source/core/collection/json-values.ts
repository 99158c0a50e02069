// Tolerant readers for the JSON Anki keeps in schema 11 (numbers sometimes stored as strings,
// booleans as 0/1, keys missing in files from older versions).
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function num(value: unknown, fallback: number): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	if (typeof value === 'boolean') return value ? 1 : 0;
	return fallback;
}

export function numOrNull(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	const parsed = num(value, Number.NaN);
	return Number.isNaN(parsed) ? null : parsed;
}

export function bool(value: unknown, fallback: boolean): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return value === 'true' || value === '1';
	return fallback;
}

export function str(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

export function numbers(value: unknown, fallback: number[]): number[] {
	return Array.isArray(value) ? value.map(item => num(item, 0)) : fallback;
}

export function objectOf(value: unknown): Json {
	return isObject(value) ? value : {};
}

/** A copy without the given keys; undefined when nothing is left (keeps domain objects small). */
export function without(source: Json, keys: readonly string[]): Json | undefined {
	const rest: Json = {};
	for (const [key, value] of Object.entries(source)) if (!keys.includes(key)) rest[key] = value;
	return Object.keys(rest).length > 0 ? rest : undefined;
}

/** Parses a JSON text (or bytes) that must hold an object; {} for empty or invalid input. */
export function parseObject(text: string | Uint8Array | null | undefined): Json {
	if (text === null || text === undefined) return {};
	const source = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
	if (source.trim() === '') return {};
	try {
		const parsed: unknown = JSON.parse(source);
		return isObject(parsed) ? parsed : {};
	} catch {
		return {};
	}
}
