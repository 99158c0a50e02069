// Custom Study on real collections: each of Anki's six options, its defaults and limits, the
// session deck it builds or reuses, and what it refuses.
import {afterEach, describe, expect, it} from 'vitest';
import {StudyError, UsageError} from '../../source/core/errors.js';
import {CardQueue, type Deck} from '../../source/core/model.js';
import {readSchedulerSettings, timingAt} from '../../source/core/scheduler/collection-settings.js';
import {deckTreeCounts} from '../../source/core/scheduler/deck-counts.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {
	CUSTOM_STUDY_DECK,
	CUSTOM_STUDY_OPTIONS,
	customStudy,
	customStudyDefaults,
	customStudySession,
} from '../../source/core/study/custom-study.js';
import {createDeck, removeDeck} from '../../source/core/study/decks.js';
import {deckSearch, emptyFilteredDeck} from '../../source/core/study/filtered.js';
import {returnedHome} from '../../source/core/scheduler/filtered-card.js';
import {searchCards} from '../../source/core/search/index.js';
import {dumpRows} from '../notes/helpers.js';
import {allCards, availableSources, biggestDeck, deckByName, withoutStamp, type Opened} from './helpers.js';

let opened: Opened | undefined;
afterEach(() => {
	opened?.close();
	opened = undefined;
});

const today = (opened: Opened) => timingAt(readSchedulerSettings(opened.col), Date.now()).today;
const deckNow = (opened: Opened, id: number): Deck => opened.col.adapter.decks().find(d => d.id === id)!;
const sessionDeck = (opened: Opened) => opened.col.adapter.decks().find(d => d.name === CUSTOM_STUDY_DECK);

describe('the search Anki writes for each option', () => {
	it('matches Anki\'s own texts (custom_study.rs sql_grouping), with deck and tag names escaped and quoted', () => {
		expect(customStudySession('d', {kind: 'preview', days: 1}).searchTerms[0]!.search).toBe('is:new added:1 deck:d');
		const cram = customStudySession('d', {kind: 'cram', cram: 'due', limit: 100, includeTags: ['1', '2'], excludeTags: ['3', '4']});
		expect(cram.searchTerms[0]).toEqual({search: 'is:due deck:d (tag:1 OR tag:2) (-tag:3 -tag:4)', limit: 100, order: 6});
		expect(customStudySession('My *deck_', {kind: 'forgot', days: 3}).searchTerms[0]!.search).toBe('rated:3:1 "deck:My \\*deck\\_"');
		expect(customStudySession('d', {kind: 'ahead', days: 7})).toMatchObject({reschedule: true, searchTerms: [{search: 'prop:due<=7 deck:d', order: 6, limit: 99_999}]});
		expect(customStudySession('d', {kind: 'cram', cram: 'all', limit: 5, includeTags: ['x'], excludeTags: []})).toMatchObject({
			reschedule: false,
			searchTerms: [{search: 'deck:d tag:x', limit: 5, order: 1}],
		});
		expect(customStudySession('d', {kind: 'cram', cram: 'review', limit: 5, excludeTags: ['a b']}).searchTerms[0]!.search).toBe('-is:new deck:d -"tag:a b"');
		expect(customStudySession('d', {kind: 'cram', cram: 'new', limit: 5}).searchTerms[0]).toMatchObject({search: 'is:new deck:d', order: 5});
		for (const kind of ['forgot', 'preview'] as const) expect(customStudySession('d', {kind, days: 1}).reschedule).toBe(false);
		expect(customStudySession('d', {kind: 'forgot', days: 1})).toMatchObject({previewDelayMins: 10, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0});
	});

	it('has the dialog\'s six options with its ranges', () => {
		expect(CUSTOM_STUDY_OPTIONS.map(o => [o.label, o.min, o.max])).toEqual([
			["Increase today's new card limit", -99_999, 99_999],
			["Increase today's review card limit", -99_999, 99_999],
			['Review forgotten cards', 1, 30],
			['Review ahead', 1, 99_999],
			['Preview new cards', 1, 99_999],
			['Study by card state or tag', 1, 99_999],
		]);
	});
});

describe.each(availableSources())('custom study on $name', source => {
	it('increasing today\'s new-card limit lowers the deck\'s studied-today counter, remembers the increase, and adds no deck', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const decksBefore = col.adapter.decks().length;
		const day = today(opened);
		const studied = deck.today.day === day ? deck.today.newStudied : 0;
		const before = deckTreeCounts(col, new Date()).get(deck.id)!;
		const nowMs = Date.now();
		expect(customStudy(col, deck.id, {kind: 'newLimit', delta: 7}, {nowMs})).toEqual({deckId: deck.id});
		const after = deckNow(opened, deck.id);
		expect(after.today).toMatchObject({day, newStudied: studied - 7});
		expect(after.normal?.extendNew).toBe(7);
		expect([after.mtimeSecs, after.usn]).toEqual([Math.floor(nowMs / 1000), -1]);
		expect(col.adapter.decks()).toHaveLength(decksBefore);
		const newCards = Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? AND queue = 0').pluck().get(deck.id));
		expect(deckTreeCounts(col, new Date()).get(deck.id)!.new).toBe(Math.min(newCards, before.new + 7));
		expect(customStudyDefaults(col, deck.id).extendNew).toBe(7);
		// A decrease lowers the limit and keeps the remembered increase.
		customStudy(col, deck.id, {kind: 'newLimit', delta: -3});
		expect(deckNow(opened, deck.id).today.newStudied).toBe(studied - 4);
		expect(deckNow(opened, deck.id).normal?.extendNew).toBe(7);
		if (source.schema === 11) {
			const json = JSON.parse(col.db.prepare('SELECT decks FROM col').pluck().get() as string)[String(deck.id)];
			expect(json.newToday).toEqual([day, studied - 4]);
			expect(json.extendNew).toBe(7);
		}
	});

	it('increasing today\'s review limit does the same with the review counter', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const day = today(opened);
		const studied = deck.today.day === day ? deck.today.reviewStudied : 0;
		customStudy(col, deck.id, {kind: 'reviewLimit', delta: 50});
		expect(deckNow(opened, deck.id).today).toMatchObject({day, reviewStudied: studied - 50});
		expect(deckNow(opened, deck.id).normal?.extendReview).toBe(50);
		expect(col.undo.peek()).toBe('Custom Study');
	});

	it('review forgotten cards: the cards answered Again today, without rescheduling', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		// Forget one card now, through the real reviewer.
		const review = openReviewSession(col, deck.id);
		const shown = review.current();
		expect(shown).not.toBeNull();
		review.answer(1, 2000);
		const {deckId, cards} = customStudy(col, deck.id, {kind: 'forgot', days: 1});
		const session = sessionDeck(opened)!;
		expect(session.id).toBe(deckId);
		expect(session.filtered).toMatchObject({reschedule: false, searchTerms: [{limit: 99_999, order: 1}]});
		const inside = col.db.prepare('SELECT id, queue FROM cards WHERE did = ?').all(deckId) as Array<{id: number; queue: number}>;
		expect(inside.map(c => c.id)).toContain(shown!.card.id);
		expect(inside.every(c => c.queue === CardQueue.Review)).toBe(true);
		expect(cards).toBe(inside.length);
		expect(col.adapter.getConfig('curDeck')).toBe(deckId);
	});

	it('review ahead: cards due in the next N days, rescheduled, in due order', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const search = `(prop:due<=3000 ${deckSearch(deck.name)}) -is:suspended -is:buried -deck:filtered`;
		const expected = searchCards(col, search).length;
		expect(expected).toBeGreaterThan(0);
		const {deckId, cards} = customStudy(col, deck.id, {kind: 'ahead', days: 3000});
		expect(cards).toBe(expected);
		expect(sessionDeck(opened)!.filtered).toMatchObject({reschedule: true, searchTerms: [{search: `prop:due<=3000 ${deckSearch(deck.name)}`, order: 6}]});
		const inside = col.db.prepare('SELECT odue FROM cards WHERE did = ? ORDER BY due').pluck().all(deckId) as number[];
		const days = inside.filter(due => due < 1_000_000_000);
		expect([...days].sort((a, b) => a - b)).toEqual(days);
	});

	it('preview new cards: new cards added in the last N days, in order added, without rescheduling', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const hasNew = Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? AND type = 0 AND queue = 0').pluck().get(deck.id)) > 0;
		if (!hasNew) {
			expect(() => customStudy(col, deck.id, {kind: 'preview', days: 99_999})).toThrow(new StudyError('No cards matched the criteria you provided.'));
			return;
		}
		const {deckId, cards} = customStudy(col, deck.id, {kind: 'preview', days: 99_999});
		expect(cards).toBeGreaterThan(0);
		const nids = col.db.prepare('SELECT nid FROM cards WHERE did = ? ORDER BY due').pluck().all(deckId) as number[];
		expect([...nids].sort((a, b) => a - b)).toEqual(nids);
		expect(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? AND type != 0').pluck().get(deckId)).toBe(0);
	});

	it('study by card state or tag: each state, tags included and excluded, remembered only after a build that worked', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const defaults = customStudyDefaults(col, deck.id);
		const home = (id: number) => col.db.prepare('SELECT did, odid FROM cards WHERE id = ?').get(id) as {did: number; odid: number};
		for (const [cram, reschedule] of [['new', true], ['due', true], ['review', true], ['all', false]] as const) {
			let result: {deckId: number; cards?: number};
			try {
				result = customStudy(col, deck.id, {kind: 'cram', cram, limit: 3});
			} catch (error) {
				expect(error).toEqual(new StudyError('No cards matched the criteria you provided.'));
				continue;
			}
			expect(result.cards).toBeGreaterThan(0);
			expect(result.cards).toBeLessThanOrEqual(3);
			expect(sessionDeck(opened)!.filtered?.reschedule).toBe(reschedule);
			for (const id of col.db.prepare('SELECT id FROM cards WHERE did = ?').pluck().all(result.deckId) as number[]) expect(home(id).odid).not.toBe(0);
		}
		// Only one session deck, reused each time.
		expect(col.adapter.decks().filter(d => d.name === CUSTOM_STUDY_DECK)).toHaveLength(1);
		const tag = defaults.tags[0]?.name;
		if (tag) {
			const rows = dumpRows(col.db);
			expect(() => customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 100, includeTags: ['no-such-tag-zq']})).toThrow(StudyError);
			expect(dumpRows(col.db)).toEqual(rows);
			const {deckId} = customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 100, includeTags: [tag], excludeTags: ['no-such-tag-zq']});
			const tagsInside = col.db.prepare('SELECT n.tags FROM cards c JOIN notes n ON n.id = c.nid WHERE c.did = ?').pluck().all(deckId) as string[];
			expect(tagsInside.length).toBeGreaterThan(0);
			for (const tags of tagsInside) expect(tags.toLowerCase().split(' ')).toContain(tag.toLowerCase());
			expect(col.adapter.getConfig(`_deck_${deck.id}_customStudyIncludeTags`)).toEqual([tag]);
			expect(col.adapter.getConfig(`_deck_${deck.id}_customStudyExcludeTags`)).toEqual(['no-such-tag-zq']);
			// The dialog offers them checked next time (once the cards are home again, as in Anki).
			emptyFilteredDeck(col, deckId);
			expect(customStudyDefaults(col, deck.id).tags.find(t => t.name === tag)).toMatchObject({include: true, exclude: false});
		}
	});

	it('a second session replaces the first: its cards go home, the deck is reused with the new search', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const before = allCards(col);
		// A session deck the collection already has is reused: its cards go home first.
		const earlier = sessionDeck(opened);
		const first = customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 99_999});
		if (earlier) expect(first.deckId).toBe(earlier.id);
		const second = customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 1});
		expect(second.deckId).toBe(first.deckId);
		expect(second.cards).toBe(1);
		const after = allCards(col);
		const inside = [...after.values()].filter(c => c.did === first.deckId);
		expect(inside).toHaveLength(1);
		for (const card of after.values()) if (card.did !== first.deckId) expect(withoutStamp(card)).toEqual(withoutStamp(returnedHome(before.get(card.id)!)));
	});

	it('refuses a normal deck named "Custom Study Session", out-of-range values and filtered decks, writing nothing', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = biggestDeck(col);
		const earlier = sessionDeck(opened);
		if (earlier) removeDeck(col, earlier.id);
		const rows = dumpRows(col.db);
		expect(() => customStudy(col, deck.id, {kind: 'forgot', days: 31})).toThrow(UsageError);
		expect(() => customStudy(col, deck.id, {kind: 'forgot', days: 0})).toThrow('from 1 to 30');
		expect(() => customStudy(col, deck.id, {kind: 'newLimit', delta: 100_000})).toThrow(UsageError);
		expect(() => customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 0})).toThrow(UsageError);
		expect(dumpRows(col.db)).toEqual(rows);
		createDeck(col, CUSTOM_STUDY_DECK);
		const withDeck = dumpRows(col.db);
		expect(() => customStudy(col, deck.id, {kind: 'cram', cram: 'all', limit: 10})).toThrow(new StudyError('Please rename the existing Custom Study deck first.'));
		expect(dumpRows(col.db)).toEqual(withDeck);
	});
});

describe.each(availableSources().slice(0, 2))('custom study defaults on $name', source => {
	it('counts new and due cards of the deck and of its subdecks, and every card for options 3-6', async () => {
		opened = await source.open();
		const {col} = opened;
		const parent = deckByName(col, 'anki-tui demo');
		const defaults = customStudyDefaults(col, parent.id);
		const day = today(opened);
		const count = (sql: string, ...args: unknown[]) => Number(col.db.prepare(sql).pluck().get(...args));
		expect(defaults.availableNew).toBe(count('SELECT count(*) FROM cards WHERE did = ? AND queue = 0', parent.id));
		const tree = col.adapter.decks().filter(d => d.name.startsWith('anki-tui demo::')).map(d => d.id);
		const list = tree.join(',');
		expect(defaults.availableNewInChildren).toBe(count(`SELECT count(*) FROM cards WHERE did IN (${list}) AND queue = 0`));
		expect(defaults.availableReviewInChildren).toBe(count(`SELECT count(*) FROM cards WHERE did IN (${list}) AND queue = 2 AND due <= ?`, day));
		expect(defaults.cardCount).toBe(count(`SELECT count(*) FROM cards WHERE did IN (${list},${parent.id}) OR odid IN (${list},${parent.id})`));
		expect(defaults.tags.map(t => t.name)).toEqual([...defaults.tags.map(t => t.name)].sort());
		const filtered = customStudy(col, parent.id, {kind: 'cram', cram: 'all', limit: 5});
		expect(() => customStudyDefaults(col, filtered.deckId)).toThrow(StudyError);
	});
});
