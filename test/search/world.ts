// A small collection made for search tests (schema 11 or 18): decks with subdecks, a look-alike
// name, a Unicode name, a filtered deck and a second preset; the stock notetypes plus one with a
// field excluded from search; notes and cards in every state, flags, FSRS and custom data, review
// history on known days. Every card has a label, so tests state expected results as label sets.
import {createHash} from 'node:crypto';
import path from 'node:path';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import type {Card, Deck, Notetype} from '../../source/core/model.js';
import {loadSearchContext, type SearchContext} from '../../source/core/search/index.js';
import {tempDir} from '../helpers/shared.js';

/** 2026-06-15 12:00 UTC; the day rolls over at 04:00 UTC (rollover 4, offset 0). */
export const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
export const NOW_SECS = NOW / 1000;
/** The next rollover: 2026-06-16 04:00 UTC. */
export const NEXT_DAY_AT = Date.UTC(2026, 5, 16, 4, 0, 0) / 1000;
const DAY = 86_400;

/** An epoch-ms instant inside day `d` (0 today, -1 yesterday), an hour after that day starts. */
export function inDay(d: number): number {
	return (NEXT_DAY_AT + DAY * (d - 1) + 3600) * 1000;
}

export interface World {
	col: Collection;
	file: string;
	schema: 11 | 18;
	/** Card label → card id. */
	cards: Map<string, number>;
	/** Note label → note id. */
	notes: Map<string, number>;
	decks: Map<string, number>;
	notetypes: Map<string, number>;
	today: number;
	context: SearchContext;
	/** Labels of the given card ids (sorted), for readable assertions. */
	labels(ids: readonly number[]): string[];
	noteLabels(ids: readonly number[]): string[];
	close(): void;
}

type CardSpec = Partial<Omit<Card, 'nid' | 'ord'>> & {label: string; deck?: string};

interface NoteSpec {
	label: string;
	notetype: string;
	fields: string[];
	tags?: string;
	/** Note mod, secs (default five days ago). */
	mod?: number;
	/** Note id (default: ten days ago plus a counter). */
	id?: number;
	deck: string;
	cards: CardSpec[];
}

function checksum(text: string): number {
	return createHash('sha1').update(text).digest().readUInt32BE(0);
}

export function buildWorld(schema: 11 | 18): World {
	const temp = tempDir('anki-tui-search-');
	const file = path.join(temp.dir, 'collection.anki2');
	createCollection(file, {schema, now: NOW - 400 * DAY * 1000, minutesWest: 0, idSeed: 11});
	const col = openCollection(file);
	const decks = new Map<string, number>();
	const notetypes = new Map<string, number>();
	const cards = new Map<string, number>();
	const notes = new Map<string, number>();
	const crt = col.info().crt;
	const today = Math.floor((NOW_SECS - crt) / DAY);

	col.transaction(() => {
		const adapter = col.adapter;
		const defaultDeck = adapter.decks().find(deck => deck.id === 1)!;
		decks.set('Default', 1);
		const intense = adapter.addDeckConfig({...adapter.deckConfigs()[0]!, id: 0, name: 'Intense'}, NOW_SECS);
		const addNormal = (name: string, configId = 1) => {
			const deck: Deck = {...defaultDeck, id: 0, name, normal: {...defaultDeck.normal!, configId}};
			decks.set(name, adapter.addDeck(deck, NOW_SECS));
		};
		for (const name of ['French', 'French::Verbs', 'French::Nouns', 'Frenchy', 'Ünïcode Deck']) addNormal(name);
		addNormal('Spanish', intense);
		const cram: Deck = {
			...defaultDeck,
			id: 0,
			name: 'Cram',
			filtered: {reschedule: true, searchTerms: [{search: 'deck:Spanish', limit: 100, order: 0}], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0},
		};
		delete cram.normal;
		decks.set('Cram', adapter.addDeck(cram, NOW_SECS));
		adapter.setConfig('curDeck', decks.get('French'), NOW_SECS);

		for (const nt of adapter.notetypes()) notetypes.set(nt.name, nt.id);
		const basic = adapter.notetypes().find(nt => nt.name === 'Basic')!;
		const vocab: Notetype = {
			...basic,
			id: 0,
			name: 'Vocab',
			sortFieldIndex: 0,
			fields: [
				{name: 'Word', ord: 0, extra: {...basic.fields[0]!.extra}},
				{name: 'Meaning', ord: 1, extra: {...basic.fields[1]!.extra}},
				{name: 'Notes', ord: 2, extra: {...basic.fields[1]!.extra, excludeFromSearch: true}},
			],
			templates: [{...basic.templates[0]!, name: 'Recognition'}],
		};
		notetypes.set('Vocab', adapter.addNotetype(vocab, NOW_SECS));

		const addNote = col.db.prepare('INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
		const addCard = col.db.prepare(
			'INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
		);
		let nextId = (NOW_SECS - 10 * DAY) * 1000;
		const add = (spec: NoteSpec) => {
			const id = spec.id ?? nextId++;
			const notetype = adapter.notetypes().find(nt => nt.name === spec.notetype)!;
			const stripped = spec.fields.map(f => f.replace(/<[^>]*>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'));
			// sfld is bound as text into an integer-affinity column, as Anki does ("007" is stored as 7).
			addNote.run(id, `g${id}`, notetype.id, spec.mod ?? NOW_SECS - 5 * DAY, spec.tags ?? '', spec.fields.join('\u001f'), stripped[notetype.sortFieldIndex], checksum(stripped[0]!), '');
			notes.set(spec.label, id);
			spec.cards.forEach((card, ord) => {
				const cid = card.id ?? nextId++;
				addCard.run(
					cid, id, decks.get(card.deck ?? spec.deck)!, ord, card.mod ?? NOW_SECS - 5 * DAY,
					card.type ?? 0, card.queue ?? 0, card.due ?? 0, card.ivl ?? 0, card.factor ?? 0, card.reps ?? 0, card.lapses ?? 0,
					card.left ?? 0, card.odue ?? 0, card.odid ?? 0, card.flags ?? 0, card.data ?? '',
				);
				cards.set(card.label, cid);
			});
		};

		add({label: 'dog', notetype: 'Basic', fields: ['dog', 'a <b>big</b> dog'], tags: ' animal::mammal ', deck: 'French', mod: NOW_SECS - 10,
			cards: [{label: 'dog', id: NOW - 1000, type: 0, queue: 0, due: 1}]});
		add({label: 'cat', notetype: 'Basic', fields: ['Cat', 'chat'], tags: ' animal ', deck: 'French::Verbs',
			cards: [{label: 'cat', type: 2, queue: 2, due: today - 1, ivl: 10, factor: 2500, reps: 5, lapses: 1, flags: 1, data: '{"s":3.0,"d":5.0}'}]});
		add({label: 'mouse', notetype: 'Basic', fields: ['mouse', 'souris'], tags: ' wildanimal zoo::animal ', deck: 'Frenchy',
			cards: [{label: 'mouse', type: 1, queue: 1, due: NOW_SECS - 60, left: 1001, reps: 1}]});
		add({label: 'cafe', notetype: 'Basic', fields: ['café', 'coffee'], tags: ' Café::drink ', deck: 'Ünïcode Deck',
			cards: [{label: 'cafe', type: 2, queue: -1, due: today + 5, ivl: 20, factor: 2300, reps: 3}]});
		add({label: 'uber', notetype: 'Basic', fields: ['Über', 'ja'], tags: '', deck: 'Default',
			cards: [{label: 'uber', type: 2, queue: -3, due: today + 3, ivl: 5, factor: 2100, reps: 2}]});
		add({label: 'num', notetype: 'Basic', fields: ['007', ''], tags: ' marked ', deck: 'Default',
			cards: [{label: 'num', type: 0, queue: -2, due: 2}]});
		add({label: 'sun', notetype: 'Basic (and reversed card)', fields: ['sun', 'sol'], tags: ' leech ', deck: 'Spanish',
			cards: [{label: 'sun.1', type: 2, queue: 2, due: today, ivl: 3, factor: 2300, reps: 3}, {label: 'sun.2', type: 0, queue: 0, due: 3}]});
		add({label: 'moon', notetype: 'Cloze', fields: ['The {{c1::moon::🌛}} {{c2::orbits}} the earth', ''], tags: ' cloze ', deck: 'Spanish',
			cards: [
				{label: 'moon.1', type: 0, queue: 0, due: 4},
				{label: 'moon.2', deck: 'Cram', type: 2, queue: 2, due: -100000, odue: today + 30, odid: decks.get('Spanish')!, ivl: 30, factor: 2500, reps: 2},
			]});
		add({label: 'hund', notetype: 'Vocab', fields: ['hund', 'dog', 'secretword'], tags: ' vocab ', deck: 'French::Nouns',
			cards: [{label: 'hund', type: 3, queue: 1, due: NOW_SECS + 3600, ivl: 1, factor: 1800, reps: 3, lapses: 2, flags: 3, left: 1001, data: '{"s":12.5,"d":5.5}'}]});
		add({label: 'html', notetype: 'Basic', fields: ['a&amp;b &lt;tag&gt;', '<img src="pic.jpg">'], tags: ' html ', deck: 'Default',
			cards: [{label: 'html', type: 0, queue: 0, due: 5, data: '{"cd":"{\\"r\\":\\"x\\",\\"n\\":5}"}'}]});
		add({label: 'dog2', notetype: 'Basic', fields: ['<b>dog</b>', 'x'], tags: '', deck: 'Default',
			cards: [{label: 'dog2', type: 0, queue: 0, due: 6}]});

		const addRevlog = col.db.prepare('INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, -1, ?, 1, 0, 2500, 5000, ?)');
		const review = (label: string, day: number, ease: number, offsetMs = 0) => addRevlog.run(inDay(day) + offsetMs, cards.get(label)!, ease, ease === 0 ? 4 : 1);
		review('cat', -10, 3);
		review('cat', -3, 1);
		review('cat', 0, 3);
		review('sun.1', -1, 4);
		review('sun.1', 0, 0, 1);
		review('hund', 0, 2, 2);
		col.touch(NOW);
	});

	const world: World = {
		col,
		file,
		schema,
		cards,
		notes,
		decks,
		notetypes,
		today,
		context: loadSearchContext(col, {now: NOW, minutesWest: 0}),
		labels: ids => ids.map(id => [...cards].find(([, cid]) => cid === id)?.[0] ?? `?${id}`).sort(),
		noteLabels: ids => ids.map(id => [...notes].find(([, nid]) => nid === id)?.[0] ?? `?${id}`).sort(),
		close: () => {
			col.close();
			temp.cleanup();
		},
	};
	return world;
}
