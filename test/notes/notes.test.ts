// Editing, adding and deleting notes on real collections of schema 11 and 18: the rows are what
// Anki writes (csum and sfld recomputed here from hand-stripped text), the file stays intact, cards
// are generated as Anki generates them, and each operation undoes to the exact bytes.
import {createHash} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import type {Collection} from '../../source/core/collection/types.js';
import type {Notetype} from '../../source/core/model.js';
import {
	addNote,
	addTagsToNotes,
	cardCountOfNotes,
	checkNoteFields,
	removeNotes,
	removeTagsFromNotes,
	toggleMarkOfNotes,
	updateNote,
} from '../../source/core/notes/notes.js';
import {closeSharedCopies} from '../collection/helpers.js';
import {consistencyProblems} from '../create/integrity.js';
import {hasShared, noticeIfNoShared} from '../helpers/shared.js';
import {dumpRows, integrityWithUnicase, openReal, type RealCollection} from './helpers.js';

noticeIfNoShared();

const NOW = 1_900_000_000_000;
const NOW_SECS = NOW / 1000;

let opened: RealCollection | null = null;
afterEach(() => {
	opened?.close();
	opened = null;
	closeSharedCopies();
});

/** csum computed here, from text stripped by hand. */
const csumOf = (stripped: string) => Number.parseInt(createHash('sha1').update(stripped, 'utf8').digest('hex').slice(0, 8), 16);

function notetype(col: Collection, name: string): Notetype {
	return col.adapter.notetypes().find(n => n.name === name)!;
}

function noteRow(col: Collection, id: number) {
	return col.db
		.prepare('SELECT id, guid, mid, mod, usn, tags, flds, sfld, typeof(sfld) AS sfldType, csum, flags, data FROM notes WHERE id = ?')
		.get(id) as Record<string, unknown>;
}

function cardsOf(col: Collection, nid: number) {
	return col.db.prepare('SELECT * FROM cards WHERE nid = ? ORDER BY ord').all(nid) as Array<Record<string, number | string>>;
}

function registeredTags(col: Collection): Record<string, {usn: number; collapsed?: number}> {
	if (col.adapter.schemaVersion === 11) {
		const json = JSON.parse(col.db.prepare('SELECT tags FROM col').pluck().get() as string) as Record<string, number>;
		return Object.fromEntries(Object.entries(json).map(([tag, usn]) => [tag, {usn}]));
	}
	const rows = col.db.prepare('SELECT tag, usn, collapsed FROM tags').all() as Array<{tag: string; usn: number; collapsed: number}>;
	return Object.fromEntries(rows.map(r => [r.tag, {usn: r.usn, collapsed: r.collapsed}]));
}

async function finish(real: RealCollection): Promise<void> {
	real.col.close();
	expect(integrityWithUnicase(real.file)).toBe('ok');
	expect(consistencyProblems(real.file)).toEqual([]);
}

describe.skipIf(!hasShared).each([11, 18] as const)('notes on a real schema %i collection', schema => {
	it('an edit writes flds, sfld, csum, mod, usn, canonical tags and col.mod, and nothing else', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const basic = notetype(col, 'Basic');
		const nid = col.db.prepare('SELECT id FROM notes WHERE mid = ? ORDER BY id LIMIT 1').pluck().get(basic.id) as number;
		const before = noteRow(col, nid);
		const cardsBefore = cardsOf(col, nid);
		col.adapter.registerTags(['Existing']);
		const front = '<b>Caf\u0065\u0301</b> &amp; <img src="pic one.jpg"> tea\r';
		const result = updateNote(col, nid, {fields: [front, '007'], tags: ['zeta', 'existing', 'Alpha', 'ALPHA', 'p::c']}, {nowMs: NOW});
		expect(result).toEqual({changed: true, newCardIds: []});
		const after = noteRow(col, nid);
		// Stripped by hand: tags gone, the image replaced by its name padded with spaces, &amp; decoded.
		const stripped = 'Café &  pic one.jpg  tea';
		expect(after).toEqual({
			...before,
			mod: NOW_SECS,
			usn: -1,
			tags: ' Alpha Existing p::c zeta ',
			flds: `<b>Café</b> &amp; <img src="pic one.jpg"> tea\u001f007`,
			sfld: stripped,
			sfldType: 'text',
			csum: csumOf(stripped),
		});
		expect(cardsOf(col, nid)).toEqual(cardsBefore);
		expect(col.info().mod).toBe(NOW);
		const tags = registeredTags(col);
		expect(tags['Alpha']?.usn).toBe(-1);
		expect(tags['p::c']?.usn).toBe(-1);
		expect(tags['ALPHA']).toBeUndefined();
		if (schema === 18) expect(tags['zeta']?.collapsed).toBe(1);
		await finish(opened);
	});

	it('a numeric sort field is stored as a number, as Anki stores it', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		updateNote(col, nid, {fields: ['<i>0042</i>', 'back']}, {nowMs: NOW});
		expect(noteRow(col, nid)).toMatchObject({sfld: 42, sfldType: 'integer', csum: csumOf('0042')});
	});

	it('an edit that changes nothing writes nothing and leaves nothing to undo', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const before = dumpRows(col.db);
		const stored = noteRow(col, nid);
		expect(updateNote(col, nid, {fields: String(stored['flds']).split('\u001f')}, {nowMs: NOW}).changed).toBe(false);
		expect(dumpRows(col.db)).toEqual(before);
		expect(col.undo.peek()).toBeNull();
	});

	it('undoing an edit restores every row byte for byte', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const before = dumpRows(col.db);
		updateNote(col, nid, {fields: ['new front', 'new back'], tags: ['brand-new']}, {nowMs: NOW});
		expect(col.undo.peek()).toBe('Update Note');
		col.undo.undo();
		expect(dumpRows(col.db)).toEqual(before);
		await finish(opened);
	});

	it('adds a note with its cards at the end of the new queue, remembering notetype and deck', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const reversed = notetype(col, 'Basic (and reversed card)');
		const deck = col.adapter.decks().find(d => d.id !== 1)!;
		const nextPos = col.adapter.getConfig('nextPos') as number;
		const {noteId, cardIds} = addNote(col, {notetypeId: reversed.id, deckId: deck.id, fields: ['front', 'back'], tags: ['new']}, {nowMs: NOW});
		expect(noteId).toBe(NOW);
		const note = noteRow(col, noteId);
		expect(note).toMatchObject({mid: reversed.id, mod: NOW_SECS, usn: -1, tags: ' new ', flds: 'front\u001fback', sfld: 'front', csum: csumOf('front'), flags: 0, data: ''});
		expect(String(note['guid'])).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,10}$/);
		// Two cards in the same millisecond: the second id is max(id) + 1, as Anki's add_card.sql.
		expect(cardIds).toEqual([NOW, NOW + 1]);
		expect(cardsOf(col, noteId)).toEqual(
			[0, 1].map(ord => ({
				id: NOW + ord, nid: noteId, did: deck.id, ord, mod: NOW_SECS, usn: -1, type: 0, queue: 0, due: nextPos,
				ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: '{}',
			})),
		);
		expect(col.adapter.getConfig('nextPos')).toBe(nextPos + 1);
		expect(col.adapter.getConfig(`_nt_${reversed.id}_lastDeck`)).toBe(deck.id);
		expect(col.adapter.getConfig(`_deck_${deck.id}_lastNotetype`)).toBe(reversed.id);
		expect(col.adapter.getConfig('curModel')).toBe(reversed.id);
		expect(col.undo.peek()).toBe('Add Note');
		await finish(opened);
	});

	it('a note id taken by another note becomes the highest id plus one', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const basic = notetype(col, 'Basic');
		const taken = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const max = col.db.prepare('SELECT max(id) FROM notes').pluck().get() as number;
		expect(addNote(col, {notetypeId: basic.id, deckId: 1, fields: ['x', 'y']}, {nowMs: taken}).noteId).toBe(max + 1);
	});

	it('undoing an add removes the note, its cards and the config changes, byte for byte', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const before = dumpRows(col.db);
		addNote(col, {notetypeId: notetype(col, 'Cloze').id, deckId: 1, fields: ['{{c1::a}} {{c2::b}}', ''], tags: ['z']}, {nowMs: NOW});
		col.undo.undo();
		expect(dumpRows(col.db)).toEqual(before);
	});

	it('cloze numbers added by an edit get cards beside their siblings; none are removed', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const cloze = notetype(col, 'Cloze');
		const deck = col.adapter.decks().find(d => d.id !== 1)!;
		const {noteId} = addNote(col, {notetypeId: cloze.id, deckId: deck.id, fields: ['{{c1::Rome}} is in Italy', ''], tags: []}, {nowMs: NOW});
		const [first] = cardsOf(col, noteId);
		const nextPos = col.adapter.getConfig('nextPos');
		const {newCardIds} = updateNote(col, noteId, {fields: ['{{c1::Rome}} is in {{c3::Italy}}', '{{c2,4::x}}']}, {nowMs: NOW + 5000});
		expect(newCardIds).toHaveLength(3);
		const cards = cardsOf(col, noteId);
		expect(cards.map(c => c.ord)).toEqual([0, 1, 2, 3]);
		// Same deck as the note's other card, same position (siblings share one), nextPos untouched.
		for (const card of cards) expect(card).toMatchObject({did: deck.id, due: first!.due, type: 0, queue: 0});
		expect(col.adapter.getConfig('nextPos')).toBe(nextPos);
		updateNote(col, noteId, {fields: ['no clozes left', '']}, {nowMs: NOW + 9000});
		expect(cardsOf(col, noteId)).toHaveLength(4);
		await finish(opened);
	});

	it('a conditional template gets its card when its field becomes non-empty', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const optional = notetype(col, 'Basic (optional reversed card)');
		const {noteId} = addNote(col, {notetypeId: optional.id, deckId: 1, fields: ['f', 'b', ''], tags: []}, {nowMs: NOW});
		expect(cardsOf(col, noteId).map(c => c.ord)).toEqual([0]);
		// A reviewed card is no longer new: the new sibling takes the next position instead.
		col.db.prepare('UPDATE cards SET type = 2, queue = 2, due = 100, ivl = 5 WHERE nid = ?').run(noteId);
		const nextPos = col.adapter.getConfig('nextPos') as number;
		updateNote(col, noteId, {fields: ['f', 'b', 'y']}, {nowMs: NOW + 1000});
		const cards = cardsOf(col, noteId);
		expect(cards.map(c => c.ord)).toEqual([0, 1]);
		expect(cards[1]).toMatchObject({did: 1, due: nextPos, mod: NOW_SECS + 1, usn: -1});
		expect(col.adapter.getConfig('nextPos')).toBe(nextPos + 1);
	});

	it('deleting notes removes their cards with graves, keeps revlog, and undoes exactly', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nids = col.db.prepare('SELECT id FROM notes ORDER BY id LIMIT 2').pluck().all() as number[];
		const cids = col.db.prepare(`SELECT id FROM cards WHERE nid IN (${nids.join(',')}) ORDER BY id`).pluck().all() as number[];
		const revlog = col.db.prepare('SELECT count(*) FROM revlog').pluck().get();
		const before = dumpRows(col.db);
		expect(cardCountOfNotes(col, nids)).toBe(cids.length);
		expect(removeNotes(col, [...nids, 12345], {nowMs: NOW})).toEqual({notes: 2, cards: cids.length});
		expect(col.db.prepare(`SELECT count(*) FROM cards WHERE nid IN (${nids.join(',')})`).pluck().get()).toBe(0);
		const graves = col.db.prepare('SELECT oid, type, usn FROM graves ORDER BY type, oid').all();
		expect(graves).toEqual([...cids.map(oid => ({oid, type: 0, usn: -1})), ...nids.map(oid => ({oid, type: 1, usn: -1}))]);
		expect(col.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(revlog);
		expect(col.undo.peek()).toBe('Delete Note');
		col.undo.undo();
		expect(dumpRows(col.db)).toEqual(before);
		await finish(opened);
	});

	it('adds and removes tags on notes as the browser does: only tags, mod and usn change', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nids = col.db.prepare('SELECT id FROM notes ORDER BY id LIMIT 3').pluck().all() as number[];
		col.db.prepare("UPDATE notes SET tags = ' XYZ deF aaa ' WHERE id = ?").run(nids[0]);
		const flds = col.db.prepare('SELECT flds, sfld, csum FROM notes WHERE id = ?');
		const fieldsBefore = flds.get(nids[0]);
		expect(addTagsToNotes(col, nids, 'xyz abc DEF', {nowMs: NOW})).toBe(3);
		expect(noteRow(col, nids[0]!)).toMatchObject({tags: ' aaa abc deF XYZ ', mod: NOW_SECS, usn: -1});
		expect(noteRow(col, nids[1]!)['tags']).toBe(' abc DEF xyz ');
		expect(flds.get(nids[0])).toEqual(fieldsBefore);
		expect(col.undo.peek()).toBe('Update Tag');
		expect(addTagsToNotes(col, nids, 'ABC', {nowMs: NOW})).toBe(0);

		col.db.prepare("UPDATE notes SET tags = ' a a::b ab c ' WHERE id = ?").run(nids[2]);
		expect(removeTagsFromNotes(col, [nids[2]!], 'A', {nowMs: NOW + 1000})).toBe(1);
		expect(noteRow(col, nids[2]!)).toMatchObject({tags: ' ab c ', mod: NOW_SECS + 1, usn: -1});
		expect(col.undo.peek()).toBe('Remove Tag');
	});

	it("toggles Anki's marked tag by the current note: all marked in one undoable step, then all unmarked", async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const nids = col.db.prepare('SELECT id FROM notes ORDER BY id LIMIT 3').pluck().all() as number[];
		col.db.prepare("UPDATE notes SET tags = ' Marked other ' WHERE id = ?").run(nids[1]);
		const before = dumpRows(col.db);
		// The current note is unmarked: every chosen note gets the tag (the one marked already keeps its spelling).
		expect(toggleMarkOfNotes(col, nids, nids[0]!, {nowMs: NOW})).toEqual({marked: true, changed: 2});
		expect(noteRow(col, nids[0]!)).toMatchObject({mod: NOW_SECS, usn: -1});
		expect(String(noteRow(col, nids[0]!)['tags']).split(' ')).toContain('marked');
		expect(noteRow(col, nids[1]!)['tags']).toBe(' Marked other ');
		expect(Object.keys(registeredTags(col)).map(t => t.toLowerCase())).toContain('marked');
		expect(col.undo.peek()).toBe('Update Tag');
		col.undo.undo();
		expect(dumpRows(col.db)).toEqual(before);
		// The current note is marked (any case): every chosen note loses it.
		toggleMarkOfNotes(col, nids, nids[0]!, {nowMs: NOW});
		expect(toggleMarkOfNotes(col, nids, nids[1]!, {nowMs: NOW + 1000})).toEqual({marked: false, changed: 3});
		for (const nid of nids) expect(String(noteRow(col, nid)['tags']).toLowerCase()).not.toContain('marked');
		expect(noteRow(col, nids[1]!)).toMatchObject({tags: ' other ', mod: NOW_SECS + 1, usn: -1});
		expect(col.undo.peek()).toBe('Remove Tag');
		await finish(opened);
	});

	it("checks fields as Anki's Add window: empty, duplicate, cloze misuse", async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const basic = notetype(col, 'Basic');
		const cloze = notetype(col, 'Cloze');
		const existing = String(col.db.prepare('SELECT flds FROM notes WHERE mid = ? LIMIT 1').pluck().get(basic.id)).split('\u001f')[0]!;
		expect(checkNoteFields(col, basic, [' <br> ', 'x']).state).toBe('empty');
		expect(checkNoteFields(col, basic, [existing, 'other']).state).toBe('duplicate');
		expect(checkNoteFields(col, basic, [`${existing}!`, 'other']).state).toBe('normal');
		expect(checkNoteFields(col, basic, ['{{c1::x}}', '']).state).toBe('notetypeNotCloze');
		expect(checkNoteFields(col, cloze, ['plain', '']).state).toBe('missingCloze');
		expect(checkNoteFields(col, cloze, ['{{c1::x}}', '{{c2::y}}']).state).toBe('fieldNotCloze');
		expect(checkNoteFields(col, cloze, ['{{c1::x}}', '']).state).toBe('normal');
	});
});
