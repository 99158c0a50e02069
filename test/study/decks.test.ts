// Creating, renaming and deleting decks on real collections, with Anki's rules for names,
// parents, children, cards, graves and the Default deck.
import {afterEach, describe, expect, it} from 'vitest';
import {StudyError, UsageError} from '../../source/core/errors.js';
import {normalizeDeckName} from '../../source/core/study/deck-names.js';
import {createDeck, deckNamed, deckRemoval, removeDeck, renameDeck} from '../../source/core/study/decks.js';
import {saveFilteredDeck, newFilteredSettings} from '../../source/core/study/filtered.js';
import {dumpRows} from '../notes/helpers.js';
import {allCards, availableSources, deckByName, withoutStamp, type Opened} from './helpers.js';

let opened: Opened | undefined;
afterEach(() => {
	opened?.close();
	opened = undefined;
});

const names = (o: Opened) => o.col.adapter.decks().map(d => d.name).sort();

describe('deck names', () => {
	it('are normalized as Anki normalizes them', () => {
		expect(normalizeDeckName('foo::bar')).toBe('foo::bar');
		expect(normalizeDeckName('foo::::baz')).toBe('foo::blank::baz');
		expect(normalizeDeckName('fo\u001Fo::ba\nr')).toBe('foo::bar');
		expect(normalizeDeckName('foo:::bar')).toBe('foo::bar');
		expect(normalizeDeckName('foo:::bar:baz: ')).toBe('foo::bar:baz');
		expect(normalizeDeckName('  Spanish ::  Verbs\u3000')).toBe('Spanish::Verbs');
		expect(normalizeDeckName('Cafe\u0301')).toBe('Café');
	});
});

describe.each(availableSources())('decks on $name', source => {
	it('create: missing parents are made, an existing parent keeps its spelling, an existing name is left alone', async () => {
		opened = await source.open();
		const {col} = opened;
		const nowMs = Date.now();
		const {id, created} = createDeck(col, 'Languages 2::Spanish::Verbs', {nowMs});
		expect(created).toBe(true);
		expect(names(opened)).toEqual(expect.arrayContaining(['Languages 2', 'Languages 2::Spanish', 'Languages 2::Spanish::Verbs']));
		const deck = col.adapter.decks().find(d => d.id === id)!;
		expect(deck).toMatchObject({mtimeSecs: Math.floor(nowMs / 1000), usn: -1, collapsed: true, browserCollapsed: true, normal: {configId: 1, extendNew: 0}});
		expect(id).toBeGreaterThanOrEqual(nowMs);
		const nouns = createDeck(col, 'LANGUAGES 2::spanish::Nouns');
		expect(col.adapter.decks().find(d => d.id === nouns.id)!.name).toBe('Languages 2::Spanish::Nouns');
		const rows = dumpRows(col.db);
		expect(createDeck(col, 'languages 2::SPANISH')).toEqual({id: deckByName(col, 'Languages 2::Spanish').id, created: false});
		expect(dumpRows(col.db)).toEqual(rows);
		expect(() => createDeck(col, '  ')).toThrow(UsageError);
		expect(col.undo.peek()).toBe('Add Deck');
	});

	it('rename: :: moves the deck, its subdecks follow, a taken name gets "+", case alone may change', async () => {
		opened = await source.open();
		const {col} = opened;
		createDeck(col, 'Geo::Europe::France');
		createDeck(col, 'Geo::Asia');
		const europe = deckByName(col, 'Geo::Europe');
		const france = deckByName(col, 'Geo::Europe::France');
		expect(renameDeck(col, europe.id, 'World::Continents::Europe')).toBe('World::Continents::Europe');
		expect(col.adapter.decks().find(d => d.id === france.id)!.name).toBe('World::Continents::Europe::France');
		expect(names(opened)).toEqual(expect.arrayContaining(['World', 'World::Continents', 'Geo', 'Geo::Asia']));
		expect(col.adapter.decks().find(d => d.id === france.id)!.usn).toBe(-1);
		expect(renameDeck(col, europe.id, 'geo::asia')).toBe('Geo::asia+');
		expect(renameDeck(col, europe.id, 'GEO::ASIA+')).toBe('Geo::ASIA+');
		// Moving a deck under itself: the old name is made again as a new parent.
		const asia = deckByName(col, 'Geo::Asia');
		expect(renameDeck(col, asia.id, 'Geo::Asia::East')).toBe('Geo::Asia::East');
		expect(deckByName(col, 'Geo::Asia').id).not.toBe(asia.id);
		expect(col.undo.peek()).toBe('Rename Deck');
	});

	it('rename under a filtered deck is refused with Anki\'s message, writing nothing', async () => {
		opened = await source.open();
		const {col} = opened;
		const config = {...newFilteredSettings(), searchTerms: [{search: '', limit: 5, order: 1}]};
		saveFilteredDeck(col, {id: 0, name: 'Cram', config});
		const {id} = createDeck(col, 'Loose');
		const rows = dumpRows(col.db);
		expect(() => renameDeck(col, id, 'Cram::Loose')).toThrow(new StudyError('Filtered decks can not have child decks.'));
		expect(() => renameDeck(col, id, '')).toThrow(UsageError);
		expect(dumpRows(col.db)).toEqual(rows);
	});

	it('delete: the deck, its subdecks and their cards go, notes left without cards go, each with a grave; undo brings all back', async () => {
		opened = await source.open();
		const {col} = opened;
		const home = col.db.prepare('SELECT did, count(*) AS n FROM cards WHERE odid = 0 AND did != 1 GROUP BY did ORDER BY n DESC LIMIT 1').get() as {did: number; n: number} | undefined;
		if (!home) return;
		const deck = col.adapter.decks().find(d => d.id === home.did)!;
		const rows = dumpRows(col.db);
		const removal = deckRemoval(col, deck.id);
		const cardIds = col.db
			.prepare(`SELECT id FROM cards WHERE did IN (${removal.decks.map(d => d.id).join(',')}) OR odid IN (${removal.decks.map(d => d.id).join(',')})`)
			.pluck()
			.all() as number[];
		expect(removal.cards).toBe(cardIds.length);
		const noteIds = new Set(col.db.prepare(`SELECT nid FROM cards WHERE id IN (${cardIds.join(',')})`).pluck().all() as number[]);
		const keptNotes = new Set(
			col.db.prepare(`SELECT DISTINCT nid FROM cards WHERE id NOT IN (${cardIds.join(',')})`).pluck().all() as number[],
		);
		const others = [...allCards(col).values()].filter(c => !cardIds.includes(c.id));
		expect(removeDeck(col, deck.id)).toBe(cardIds.length);
		expect(col.adapter.decks().some(d => removal.decks.some(r => r.id === d.id))).toBe(false);
		expect(col.db.prepare(`SELECT count(*) FROM cards WHERE id IN (${cardIds.join(',')})`).pluck().get()).toBe(0);
		const graves = (type: number) => new Set(col.db.prepare('SELECT oid FROM graves WHERE type = ? AND usn = -1').pluck().all(type) as number[]);
		for (const id of cardIds) expect(graves(0).has(id)).toBe(true);
		for (const nid of noteIds) expect(graves(1).has(nid)).toBe(!keptNotes.has(nid));
		for (const nid of noteIds) expect(col.db.prepare('SELECT count(*) FROM notes WHERE id = ?').pluck().get(nid)).toBe(keptNotes.has(nid) ? 1 : 0);
		for (const d of removal.decks) expect(graves(2).has(d.id)).toBe(true);
		const after = allCards(col);
		for (const card of others) expect(withoutStamp(after.get(card.id)!)).toEqual(withoutStamp(card));
		// revlog rows stay, as in Anki.
		expect(dumpRows(col.db).revlog).toEqual(rows.revlog);
		expect(col.undo.undo()?.label).toBe('Delete Deck');
		expect(dumpRows(col.db)).toEqual(rows);
	});

	it('the Default deck cannot be deleted, nor a deck that contains it', async () => {
		opened = await source.open();
		const {col} = opened;
		const rows = dumpRows(col.db);
		expect(() => removeDeck(col, 1)).toThrow(new UsageError("The default deck can't be deleted."));
		const name = col.adapter.decks().find(d => d.id === 1)!.name;
		renameDeck(col, 1, `Holder::${name}`);
		const holder = deckByName(col, 'Holder');
		expect(() => deckRemoval(col, holder.id)).toThrow(/can't be deleted/);
		col.undo.undo();
		expect(dumpRows(col.db)).toEqual(rows);
	});

	it('names are looked up as Anki compares them, and an unknown one lists some decks', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = col.adapter.decks().find(d => d.id === 1)!;
		expect(deckNamed(col, ` ${deck.name.toUpperCase()} `).id).toBe(1);
		expect(() => deckNamed(col, 'No Such Deck Zq')).toThrow(/No deck named "No Such Deck Zq"\. Decks: /);
	});
});
