// `cards.data` JSON as Anki reads and writes it (rslib storage/card/data.rs): fixed key order,
// rounded floats, unknown keys dropped.

export interface CardData {
	pos?: number;
	s?: number;
	d?: number;
	dr?: number;
	decay?: number;
	lrt?: number;
	cd?: string;
}

function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function parseCardData(text: string): CardData {
	if (!text) return {};
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return {};
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
	const o = raw as Record<string, unknown>;
	const data: CardData = {};
	const pos = num(o.pos);
	if (pos !== undefined) data.pos = Math.trunc(pos);
	if (num(o.s) !== undefined) data.s = num(o.s);
	if (num(o.d) !== undefined) data.d = num(o.d);
	if (num(o.dr) !== undefined) data.dr = num(o.dr);
	if (num(o.decay) !== undefined) data.decay = num(o.decay);
	const lrt = num(o.lrt);
	if (lrt !== undefined) data.lrt = Math.trunc(lrt);
	if (typeof o.cd === 'string') data.cd = o.cd;
	return data;
}

function roundTo(value: number, places: number): number {
	const scale = 10 ** places;
	return Math.round(Math.fround(value) * scale) / scale;
}

export function serializeCardData(data: CardData): string {
	const out: Record<string, unknown> = {};
	if (data.pos !== undefined) out.pos = data.pos;
	if (data.s !== undefined) out.s = roundTo(data.s, 4);
	if (data.d !== undefined) out.d = roundTo(data.d, 3);
	if (data.dr !== undefined) out.dr = roundTo(data.dr, 2);
	if (data.decay !== undefined) out.decay = roundTo(data.decay, 3);
	if (data.lrt !== undefined) out.lrt = data.lrt;
	if (data.cd !== undefined) out.cd = data.cd;
	// Modern Anki writes an empty object as "{}" (new cards in schema-18 files carry it).
	return JSON.stringify(out);
}
