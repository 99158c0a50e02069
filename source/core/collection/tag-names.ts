// Tag name clean-up as Anki does before registering (rslib tags/register.rs): NFC, no control
// characters or separators (space, U+3000), no empty `::` components ("blank").
const invalid = /[\u0000-\u001f\u007f \u3000]/gu;

export function normalizeTagName(name: string): string {
	return name
		.split('::')
		.map(component => {
			const cleaned = component.normalize('NFC').replace(invalid, '').trim();
			return cleaned === '' ? 'blank' : cleaned;
		})
		.join('::');
}

/** Splits a notes.tags string (space or U+3000 separated, with padding spaces). */
export function splitTags(tags: string): string[] {
	return tags.split(/[ \u3000]+/u).filter(tag => tag !== '');
}

/** Joins tags the way notes.tags stores them: " a b " (empty string when there are none). */
export function joinTags(tags: readonly string[]): string {
	return tags.length > 0 ? ` ${tags.join(' ')} ` : '';
}

export function parentTagNames(tag: string): string[] {
	const parts = tag.split('::');
	const parents: string[] = [];
	for (let length = parts.length - 1; length > 0; length--) parents.push(parts.slice(0, length).join('::'));
	return parents;
}
