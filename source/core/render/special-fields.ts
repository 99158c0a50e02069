// The field map a card is rendered with: the note's fields by notetype field name, then Anki's special
// fields (only where no real field has that name), then `c<ord+1>` = "1" (notetype/render.rs).
import type {Card, Note, Notetype} from '../model.js';

export interface FieldMapInput {
	note: Note;
	notetype: Notetype;
	card: Card;
	templateName: string;
	/** Full `A::B` name of the card's home deck (the original deck for a card in a filtered deck). */
	deckName: string;
}

export function noteFieldMap(note: Note, notetype: Notetype, transform: (value: string) => string = (v) => v): Map<string, string> {
	const map = new Map<string, string>();
	const fields = [...notetype.fields].sort((a, b) => a.ord - b.ord);
	fields.forEach((field, index) => {
		if (!map.has(field.name)) map.set(field.name, transform(note.fields[field.ord] ?? note.fields[index] ?? ''));
	});
	return map;
}

function setIfAbsent(map: Map<string, string>, key: string, value: string): void {
	if (!map.has(key)) map.set(key, value);
}

/** `clean` is applied to every value taken from the collection (tags, names). */
export function addSpecialFields(map: Map<string, string>, input: FieldMapInput, clean: (value: string) => string = (v) => v): Map<string, string> {
	const {note, notetype, card} = input;
	const templateName = clean(input.templateName);
	const deckName = clean(input.deckName);
	setIfAbsent(map, 'Tags', clean(note.tags.join(' ')));
	setIfAbsent(map, 'Type', clean(notetype.name));
	const deck = deckName || '(Deck)';
	setIfAbsent(map, 'Subdeck', deck.split('::').at(-1)!);
	setIfAbsent(map, 'Deck', deck);
	// Anki formats the whole flags byte (only the low bits are ever set).
	setIfAbsent(map, 'CardFlag', `flag${card.flags & 0xff}`);
	setIfAbsent(map, 'Card', templateName);
	setIfAbsent(map, 'CardID', String(card.id));
	setIfAbsent(map, `c${card.ord + 1}`, '1');
	return map;
}
