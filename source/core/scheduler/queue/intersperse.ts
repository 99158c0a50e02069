// Spreading the shorter list evenly through the longer one (rslib queue/builder/intersperser.rs).

export function intersperse<T>(a: readonly T[], b: readonly T[]): T[] {
	if (b.length === 0) return [...a];
	if (a.length === 0) return [...b];
	const ratio = (a.length + 1) / (b.length + 1);
	const out: T[] = [];
	let ia = 0;
	let ib = 0;
	while (ia < a.length || ib < b.length) {
		const takeB = ia >= a.length || (ib < b.length && (ib + 1) * ratio < ia + 1);
		out.push(takeB ? b[ib++]! : a[ia++]!);
	}
	return out;
}

/** Mix of two queues per deck option: 0 interspersed, 1 second after first, 2 second before first. */
export function mix<T>(first: readonly T[], second: readonly T[], mode: number): T[] {
	if (mode === 1) return [...first, ...second];
	if (mode === 2) return [...second, ...first];
	return intersperse(first, second);
}
