// Anki's notion of an empty field: only ASCII whitespace and bare <br>/<div> tags (no attributes).
const EMPTY = /^(?:[\t\n\f\r\v ]|<\/?(?:br|div) ?\/?>)*$/i;

export function fieldIsEmpty(text: string): boolean {
	return text === '' || EMPTY.test(text);
}

export function nonEmptyKeys(fields: Map<string, string>): Set<string> {
	const set = new Set<string>();
	for (const [name, value] of fields) if (!fieldIsEmpty(value)) set.add(name);
	return set;
}
