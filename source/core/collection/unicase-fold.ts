// Anki compares names (decks, notetypes, fields, tags) with the Rust `unicase` crate: Unicode full
// case folding, then code point order. SQL uses the real collation (native/unicase.c) where it is
// loaded; this is the JS side for lookups among values already read. Upper- then lower-casing
// covers full folding's multi-character cases ("ß" = "ss") for every practical name.
export function unicaseFold(text: string): string {
	return text.toUpperCase().toLowerCase();
}

export function unicaseEqual(a: string, b: string): boolean {
	return a === b || unicaseFold(a) === unicaseFold(b);
}

/** Code point order of the folded texts (not UTF-16 unit order). */
export function compareUnicase(a: string, b: string): number {
	const x = [...unicaseFold(a)];
	const y = [...unicaseFold(b)];
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
		if (d !== 0) return d;
	}
	return x.length - y.length;
}
