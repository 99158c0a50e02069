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

/** A new tag takes the spelling of its closest registered parent ("Foo::bar" under "Foo"); rslib tags/register.rs. */
export function adjustCaseForParents(name: string, existing: (parent: string) => string | undefined): string {
	for (const parent of parentTagNames(name)) {
		const found = existing(parent);
		if (found !== undefined) {
			// By components, not characters: a unicase match may differ in length ("ß" / "ss").
			const count = found.split('::').length;
			return [found, ...name.split('::').slice(count)].join('::');
		}
	}
	return name;
}

/** Registers each tag not known yet, in its normalized form (Anki's register_tag). */
export function registerTagNames(
	registry: {findTag(name: string): string | undefined; addTag(name: string): void},
	tags: readonly string[],
): void {
	for (const raw of tags) {
		if (raw.trim() === '') continue;
		const name = normalizeTagName(raw);
		if (registry.findTag(name) !== undefined) continue;
		registry.addTag(adjustCaseForParents(name, parent => registry.findTag(parent)));
	}
}
