// Searches on real collections (Anki-made files in ../shared and the project's fixtures, schema 11,
// 14 and 18, unicase included), each checked against the same meaning computed independently in
// JS from the raw rows.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {openPackage, type OpenedPackage} from '../../source/core/package/open-package.js';
import {loadSearchContext, searchCards, searchNotes} from '../../source/core/search/index.js';
import {copyToTemp, noticeIfNoShared, projectRoot, sharedAnki, sharedFile} from '../helpers/shared.js';

interface Row {
	id: number;
	nid: number;
	did: number;
	odid: number;
	ord: number;
	type: number;
	queue: number;
	due: number;
	ivl: number;
	flags: number;
	mid: number;
	tags: string;
	flds: string;
	sfld: string;
}

const sources: Array<{name: string; file: () => string; shared: boolean}> = [
	{name: 'project schema 11', file: () => path.join(projectRoot, 'fixtures', 'schema11.anki2'), shared: false},
	{name: 'project schema 18', file: () => path.join(projectRoot, 'fixtures', 'schema18.anki2'), shared: false},
	{name: 'project latest.colpkg (schema 18)', file: () => path.join(projectRoot, 'fixtures', 'latest.colpkg'), shared: false},
	{name: 'Anki schema 14 (Japanese, 4,110 cards)', file: () => sharedFile('schema14-japanese-furigana.anki2'), shared: true},
	{name: 'Anki schema 18 two decks (unicase)', file: () => sharedFile('schema18-two-decks.anki2'), shared: true},
	{name: 'Anki legacy colpkg (schema 11, review history)', file: () => path.join(sharedAnki, 'legacy-mode-anki21.colpkg'), shared: true},
	{name: 'AnkiDroid template edge cases (filtered deck)', file: () => path.join(sharedAnki, 'template-edge-cases.apkg'), shared: true},
];

const asciiLower = (text: string) => text.replace(/[A-Z]/g, c => c.toLowerCase());
const isPlainName = (name: string) => !/[*_\\"():\-]/.test(name) && !/^\s|\s$/.test(name);

describe.each(sources.filter(source => !source.shared || noticeIfNoShared()))('$name', source => {
	let col: Collection;
	let pkg: OpenedPackage | undefined;
	let cleanup = () => {};
	let rows: Row[];
	let deckName: Map<number, string>;
	const now = Date.now();

	beforeAll(async () => {
		let file = source.file();
		if (/\.(apkg|colpkg)$/.test(file)) {
			pkg = await openPackage(file);
			file = pkg.collectionPath;
		} else {
			const copy = copyToTemp(file);
			file = copy.file;
			cleanup = copy.cleanup;
		}
		col = openCollection(file, {readOnly: true, privateCopy: pkg !== undefined});
		rows = col.db
			.prepare('SELECT c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.ivl, c.flags, n.mid, n.tags, n.flds, cast(n.sfld AS text) AS sfld FROM cards c JOIN notes n ON n.id = c.nid')
			.all() as Row[];
		deckName = new Map(col.adapter.decks().map(deck => [deck.id, deck.name]));
	});
	afterAll(() => {
		col?.close();
		pkg?.cleanup();
		cleanup();
	});

	const ids = (keep: (row: Row) => boolean) => rows.filter(keep).map(row => row.id).sort((a, b) => a - b);
	const found = (query: string) => searchCards(col, query, {now}).sort((a, b) => a - b);

	it('has cards to search', () => {
		expect(rows.length).toBeGreaterThan(0);
		expect(found('')).toEqual(ids(() => true));
	});

	it('states, flags, intervals, templates', () => {
		expect(found('is:new')).toEqual(ids(r => r.type === 0));
		expect(found('-is:new')).toEqual(ids(r => r.type !== 0));
		expect(found('is:review')).toEqual(ids(r => r.type === 2 || r.type === 3));
		expect(found('is:learn')).toEqual(ids(r => r.type === 1 || r.type === 3));
		expect(found('is:suspended')).toEqual(ids(r => r.queue === -1));
		expect(found('is:buried')).toEqual(ids(r => r.queue === -2 || r.queue === -3));
		expect(found('flag:0')).toEqual(ids(r => (r.flags & 7) === 0));
		expect(found('prop:ivl>5')).toEqual(ids(r => r.ivl > 5));
		expect(found('card:1')).toEqual(ids(r => r.ord === 0));
		expect(found('card:2')).toEqual(ids(r => r.ord === 1));
		expect(found('deck:filtered')).toEqual(ids(r => r.odid !== 0));
	});

	it('is:due against the day and the learn-ahead limit', () => {
		const ctx = loadSearchContext(col, {now});
		expect(found('is:due')).toEqual(
			ids(r => ((r.queue === 2 || r.queue === 3) && r.due <= ctx.today) || ((r.queue === 1 || r.queue === 4) && r.due <= ctx.now + ctx.learnAheadSecs)),
		);
	});

	it('every deck by name: the deck, its subdecks, and home decks of filtered cards', () => {
		for (const [, name] of deckName) {
			if (!isPlainName(name)) continue;
			const inDeck = (did: number) => {
				const deck = asciiLower(deckName.get(did) ?? '').toLowerCase();
				const wanted = name.toLowerCase();
				return deck === wanted || deck.startsWith(`${wanted}::`);
			};
			expect(found(`"deck:${name}"`), name).toEqual(ids(r => inDeck(r.did) || (r.odid !== 0 && inDeck(r.odid))));
		}
	});

	it('every notetype by name', () => {
		for (const notetype of col.adapter.notetypes()) {
			if (!isPlainName(notetype.name)) continue;
			const sameName = col.adapter.notetypes().filter(nt => nt.name.toLowerCase() === notetype.name.toLowerCase()).map(nt => nt.id);
			expect(found(`"note:${notetype.name}"`), notetype.name).toEqual(ids(r => sameName.includes(r.mid)));
		}
	});

	it('tags, with their children', () => {
		const tags = new Set(rows.flatMap(r => r.tags.split(' ').filter(Boolean)));
		for (const tag of [...tags].filter(isPlainName).slice(0, 10)) {
			const lower = tag.toLowerCase();
			expect(found(`"tag:${tag}"`), tag).toEqual(
				ids(r => r.tags.split(' ').some(t => t.toLowerCase() === lower || t.toLowerCase().startsWith(`${lower}::`))),
			);
		}
		// Exactly an empty column, as Anki tests it: a tags value of spaces alone (this schema-14 file has some) is not "none".
		expect(found('tag:none')).toEqual(ids(r => r.tags === ''));
	});

	it('plain words match the sort field or any field, ASCII case folded', () => {
		const words = new Set(rows.flatMap(r => r.sfld.match(/\b[A-Za-z]{4,}\b/g) ?? []));
		for (const word of [...words].slice(0, 10)) {
			const wanted = asciiLower(word);
			expect(found(word), word).toEqual(ids(r => asciiLower(r.sfld).includes(wanted) || asciiLower(r.flds).includes(wanted)));
		}
	});

	it('review history and creation windows', () => {
		const ctx = loadSearchContext(col, {now});
		const cutoff = (ctx.nextDayAt - 3650 * 86_400) * 1000;
		const rated = new Set(col.db.prepare('SELECT cid FROM revlog WHERE ease > 0 AND id >= ?').pluck().all(cutoff) as number[]);
		expect(found('rated:3650')).toEqual(ids(r => rated.has(r.id)));
		expect(found('added:3650')).toEqual(ids(r => r.id > cutoff));
	});

	it('notes mode: notes with at least one matching card', () => {
		const noteIds = (keep: (row: Row) => boolean) => [...new Set(rows.filter(keep).map(r => r.nid))].sort((a, b) => a - b);
		expect(searchNotes(col, 'is:new', {now}).sort((a, b) => a - b)).toEqual(noteIds(r => r.type === 0));
		expect(searchNotes(col, '-is:suspended', {now}).sort((a, b) => a - b)).toEqual(noteIds(r => r.queue !== -1));
	});
});
