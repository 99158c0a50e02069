// The text a user edits in $EDITOR: a comment preamble, then one "## Name" section per field holding
// the field's HTML exactly as stored, then "## Tags" and, for a card or a new note, "## Deck".
//
//     # Editing note 1654659809313 (Basic).
//     # ...
//     ## Front
//     <b>abash</b>
//     ## Back
//     to embarrass
//     ## Tags
//     vocab english
//
// A section is every line after its header up to the next header; the newline that ends its last
// line is not part of the field. Lines starting with "#" are comments only before the first header,
// so a field may hold any text. A field whose section is left as it was written is saved back byte
// for byte (whatever line endings the editor chose). A document that is empty, or only comments,
// means "cancel", as git's commit message does.

export interface DocumentLayout {
	fieldNames: readonly string[];
	/** A "## Deck" section follows the tags (editing a card, adding a note). */
	deck: boolean;
}

export interface DocumentContent {
	fields: readonly string[];
	tags: readonly string[];
	deck?: string;
}

export interface DocumentText extends DocumentContent {
	/** Comment lines for the preamble (without "# "). */
	comments: readonly string[];
	/** Problems found on the last save, shown first, as git shows why it stopped. */
	problems?: readonly string[];
}

export type ParsedDocument =
	| {kind: 'cancelled'}
	| {kind: 'content'; content: Required<Pick<DocumentContent, 'fields' | 'tags'>> & {deck?: string}; untouched: boolean[]}
	| {kind: 'invalid'; problem: string};

const TAGS = 'Tags';
const DECK = 'Deck';

function sectionNames(layout: DocumentLayout): string[] {
	return [...layout.fieldNames, TAGS, ...(layout.deck ? [DECK] : [])];
}

/**
 * Headers are "## Name"; should a field hold a line that reads like one of this document's headers,
 * the document uses "### Name" (and so on) instead, so that no field can be cut in two.
 */
function chooseMarker(names: readonly string[], fields: readonly string[]): string {
	let marker = '##';
	const lines = new Set(fields.flatMap(field => field.replace(/\r\n/g, '\n').split('\n')));
	while (names.some(name => lines.has(`${marker} ${name}`))) marker += '#';
	return marker;
}

export function renderDocument(layout: DocumentLayout, doc: DocumentText): string {
	const names = sectionNames(layout);
	const marker = chooseMarker(names, doc.fields);
	const lines: string[] = [];
	for (const problem of doc.problems ?? []) lines.push(`# ERROR: ${problem}`);
	if (doc.problems?.length) lines.push('#');
	for (const comment of doc.comments) lines.push(comment === '' ? '#' : `# ${comment}`);
	const bodies = [...layout.fieldNames.map((_, index) => doc.fields[index] ?? ''), doc.tags.join(' '), ...(layout.deck ? [doc.deck ?? ''] : [])];
	return lines.map(line => `${line}\n`).join('') + names.map((name, index) => `${marker} ${name}\n${bodies[index]}\n`).join('');
}

/** The user's text again with new problems on top (earlier ERROR lines dropped), for the next round. */
export function withProblems(text: string, problems: readonly string[]): string {
	const kept = text.replace(/^(?:# ERROR: [^\n]*\n(?:#\n)?)+/, '');
	return `${problems.map(p => `# ERROR: ${p}\n`).join('')}#\n${kept}`;
}

/** The usual preamble: what is edited and how to save or cancel. */
export function standardComments(title: string): string[] {
	return [
		title,
		'Each "## Name" line starts a section: a field (its HTML exactly as stored), the tags',
		'(separated by spaces), the deck. Keep the "## " lines as they are.',
		'Save and quit to write the note. To change nothing, empty the file or quit with an',
		'error (vim :cq). Lines starting with "#" are ignored above the first section only.',
	];
}

const lf = (text: string) => text.replace(/\r\n/g, '\n');

/**
 * Reads an edited document back. `written` is the document as it was handed to the editor: a
 * section left exactly as written there reports untouched (the caller keeps the stored value).
 */
export function parseDocument(layout: DocumentLayout, text: string, written: string): ParsedDocument {
	const names = sectionNames(layout);
	const sections = splitSections(lf(text), names);
	if (sections === 'empty') return {kind: 'cancelled'};
	if (typeof sections === 'string') return {kind: 'invalid', problem: sections};
	const before = splitSections(lf(written), names);
	if (typeof before === 'string') throw new Error('the document written to the editor does not read back');
	const fieldCount = layout.fieldNames.length;
	const fields = sections.slice(0, fieldCount);
	const untouched = fields.map((body, index) => body === before[index]);
	const tags = sections[fieldCount]!.split(/[ \u3000\t\n]+/u).filter(tag => tag !== '');
	let deck: string | undefined;
	if (layout.deck) {
		deck = sections[fieldCount + 1]!.trim();
		if (deck.includes('\n')) return {kind: 'invalid', problem: 'the "## Deck" section must be one line: the deck\'s full name.'};
		if (deck === '') return {kind: 'invalid', problem: 'the "## Deck" section is empty; write the name of a deck.'};
	}
	return {kind: 'content', content: {fields, tags, ...(deck === undefined ? {} : {deck})}, untouched};
}

/** The sections' bodies in order, 'empty' for a cancelled document, or a problem. */
function splitSections(text: string, names: readonly string[]): string[] | 'empty' | string {
	const lines = text.split('\n');
	const firstHeader = lines.findIndex(line => /^##+ /.test(line));
	const preamble = firstHeader < 0 ? lines : lines.slice(0, firstHeader);
	const stray = preamble.find(line => line.trim() !== '' && !line.startsWith('#'));
	if (firstHeader < 0) {
		if (stray === undefined) return 'empty';
		return `no "## ${names[0]}" line was found; every section starts with its "## Name" line.`;
	}
	if (stray !== undefined) return `text before "## ${names[0]}" must be a comment (start it with "#"): ${JSON.stringify(stray)}`;
	const marker = /^(##+) /.exec(lines[firstHeader]!)![1]!;
	const header = (name: string) => `${marker} ${name}`;
	// Each expected header, in order, on a line of its own; a field may contain other "#" lines.
	const bodies: string[] = [];
	let at = firstHeader;
	for (const [index, name] of names.entries()) {
		if (lines[at] !== header(name)) {
			return index === 0
				? `the first section must be "${header(name)}", found ${JSON.stringify(lines[at] ?? '')}.`
				: `expected the "${header(name)}" line after "${header(names[index - 1]!)}".`;
		}
		const next = index + 1 < names.length ? lines.indexOf(header(names[index + 1]!), at + 1) : lines.length;
		if (next < 0) return `the "${header(names[index + 1]!)}" line is missing; keep every "${marker} " line of the document.`;
		bodies.push(lines.slice(at + 1, next).join('\n'));
		at = next;
	}
	// The last section runs to the end of the file; its final line break (editors add one) is not content.
	bodies[bodies.length - 1] = bodies.at(-1)!.replace(/\n$/, '');
	return bodies;
}
