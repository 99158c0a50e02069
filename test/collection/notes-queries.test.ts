import {afterEach, describe, expect, it} from 'vitest';
import {getNote, getNotes, setNoteTags} from '../../source/core/collection/notes.js';
import {cardCountsByDeck, cardCountsByHomeDeck, noteCountsByNotetype} from '../../source/core/collection/queries.js';
import type {Collection} from '../../source/core/collection/types.js';
import {hasShared, noticeIfNoShared} from '../helpers/shared.js';
import {closeSharedCopies, openSharedCopy} from './helpers.js';

noticeIfNoShared();

afterEach(closeSharedCopies);

const open = (fixture: string, readOnly: boolean): Collection => openSharedCopy(fixture, readOnly).collection;

describe.skipIf(!hasShared)('notes', () => {
	it('reads notes with fields split on U+001F and tags parsed', () => {
		const collection = open('schema14-japanese-furigana.anki2', true);
		const raw = collection.db.prepare("SELECT id, flds, tags FROM notes WHERE tags != '' ORDER BY id LIMIT 3").all() as Array<{
			id: number;
			flds: string;
			tags: string;
		}>;
		expect(raw.length).toBe(3);
		for (const row of raw) {
			const note = getNote(collection, row.id)!;
			expect(note.fields).toEqual(row.flds.split('\u001f'));
			expect(note.tags).toEqual(row.tags.trim().split(/\s+/));
			expect(note.tags.every(tag => tag !== '')).toBe(true);
		}
		expect(getNote(collection.db, 42)).toBeNull();
		const ids = [raw[2].id, 42, raw[0].id];
		expect(getNotes(collection, ids).map(note => note.id)).toEqual([raw[2].id, raw[0].id]);
		const all = collection.db.prepare('SELECT id FROM notes').pluck().all() as number[];
		expect(getNotes(collection, all)).toHaveLength(all.length); // more ids than one query binds
	});

	it('setNoteTags stores " a b " with mod and usn -1', () => {
		const collection = open('schema18-two-decks.anki2', false);
		const id = collection.db.prepare('SELECT id FROM notes LIMIT 1').pluck().get() as number;
		collection.transaction(() => {
			setNoteTags(collection, id, ['leech', 'marked'], 1_800_000_000);
			collection.adapter.registerTags(['leech', 'marked']);
		});
		expect(collection.db.prepare('SELECT tags, mod, usn FROM notes WHERE id = ?').get(id)).toEqual({
			tags: ' leech marked ',
			mod: 1_800_000_000,
			usn: -1,
		});
		expect(getNote(collection, id)!.tags).toEqual(['leech', 'marked']);
		setNoteTags(collection, id, [], 1_800_000_001);
		expect(collection.db.prepare('SELECT tags FROM notes WHERE id = ?').pluck().get(id)).toBe('');
	});
});

describe.skipIf(!hasShared)('per-deck counts', () => {
	it.each(['schema18-two-decks.anki2', 'schema14-japanese-furigana.anki2'])('%s: card totals per deck add up to all cards', fixture => {
		const collection = open(fixture, true);
		const total = collection.db.prepare('SELECT count(*) FROM cards').pluck().get() as number;
		const byDeck = cardCountsByDeck(collection);
		expect([...byDeck.values()].reduce((a, b) => a + b, 0)).toBe(total);
		expect([...cardCountsByHomeDeck(collection).values()].reduce((a, b) => a + b, 0)).toBe(total);
		for (const [did, count] of byDeck) {
			expect(collection.db.prepare('SELECT count(*) FROM cards WHERE did = ?').pluck().get(did)).toBe(count);
		}
		const notes = collection.db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
		expect([...noteCountsByNotetype(collection).values()].reduce((a, b) => a + b, 0)).toBe(notes);
	});

	it('a card in a filtered deck counts for the filtered deck by did and for its home deck by odid', () => {
		const collection = open('schema18-two-decks.anki2', false);
		const card = collection.db.prepare('SELECT id, did FROM cards LIMIT 1').get() as {id: number; did: number};
		collection.db.prepare('UPDATE cards SET odid = did, did = 999 WHERE id = ?').run(card.id);
		expect(cardCountsByDeck(collection).get(999)).toBe(1);
		expect(cardCountsByHomeDeck(collection).get(999)).toBeUndefined();
		const home = cardCountsByHomeDeck(collection).get(card.did)!;
		expect(home).toBe((cardCountsByDeck(collection).get(card.did) ?? 0) + 1);
	});
});
