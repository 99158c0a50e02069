// Filtered decks on real collections: cards move in exactly as Anki moves them and come back
// exactly as they were; bad settings and searches change nothing.
import {afterEach, describe, expect, it} from 'vitest';
import {CardQueue, type Card, type FilteredDeckSettings} from '../../source/core/model.js';
import {SearchError, StudyError, UsageError} from '../../source/core/errors.js';
import {queueFromType} from '../../source/core/scheduler/filtered-card.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {readSchedulerSettings, timingAt} from '../../source/core/scheduler/collection-settings.js';
import {
	emptyFilteredDeck,
	FILTERED_ORDERS,
	FilteredOrder,
	newFilteredDeckDefaults,
	parseFilteredOrder,
	rebuildFilteredDeck,
	saveFilteredDeck,
} from '../../source/core/study/filtered.js';
import {removeDeck} from '../../source/core/study/decks.js';
import {dumpRows} from '../notes/helpers.js';
import {openSharedCopy} from '../collection/helpers.js';
import {hasShared} from '../helpers/shared.js';
import {allCards, availableSources, deckByName, sources, withoutStamp, type Opened} from './helpers.js';

function settings(terms: Array<[string, number, number]>, reschedule = true): FilteredDeckSettings {
	return {
		reschedule,
		searchTerms: terms.map(([search, limit, order]) => ({search, limit, order})),
		previewDelayMins: 0,
		previewAgainSecs: 60,
		previewHardSecs: 600,
		previewGoodSecs: 0,
	};
}

/** What Anki's build picks from: not suspended, not buried, not in a filtered deck already. */
const eligible = (card: Card) => card.queue !== CardQueue.Suspended && card.queue !== CardQueue.SchedBuried && card.queue !== CardQueue.UserBuried && card.odid === 0;

let opened: Opened | undefined;
afterEach(() => {
	opened?.close();
	opened = undefined;
});

describe.each(availableSources())('filtered decks on $name', source => {
	it('moves every eligible card in (odid, odue, positions, queues as they were) and emptying returns every row as it was', async () => {
		opened = await source.open();
		const {col} = opened;
		const before = allCards(col);
		const nowMs = Date.now();
		const {deckId, cards} = saveFilteredDeck(col, {id: 0, name: 'Everything', config: settings([['', 99_999, FilteredOrder.Due]])}, {nowMs});
		const picked = [...before.values()].filter(eligible);
		expect(cards).toBe(picked.length);
		expect(cards).toBeGreaterThan(0);
		const after = allCards(col);
		const positions: number[] = [];
		for (const original of before.values()) {
			const card = after.get(original.id)!;
			if (!eligible(original)) {
				expect(card).toEqual(original);
				continue;
			}
			expect(card).toMatchObject({did: deckId, odid: original.did, odue: original.due, queue: original.queue, mod: Math.floor(nowMs / 1000), usn: -1});
			if (original.due > 0) positions.push(card.due);
			else expect(card.due).toBe(original.due);
			expect({...withoutStamp(card), did: original.did, odid: 0, odue: 0, due: original.due}).toEqual(withoutStamp(original));
		}
		// Positions count from -100000 in build order, one per card.
		expect(new Set(positions).size).toBe(positions.length);
		expect(Math.min(...positions)).toBeGreaterThanOrEqual(-100_000);
		expect(Math.max(...positions)).toBeLessThan(-100_000 + cards);
		expect(col.adapter.getConfig('curDeck')).toBe(deckId);

		const emptiedAt = nowMs + 60_000;
		expect(emptyFilteredDeck(col, deckId, {nowMs: emptiedAt})).toBe(cards);
		const back = allCards(col);
		for (const original of before.values()) {
			const card = back.get(original.id)!;
			expect(withoutStamp(card)).toEqual(withoutStamp(original));
			// Anki marks the cards it returns as modified (for sync); the others are untouched.
			if (eligible(original)) expect([card.mod, card.usn]).toEqual([Math.floor(emptiedAt / 1000), -1]);
			else expect([card.mod, card.usn]).toEqual([original.mod, original.usn]);
		}
		expect(col.adapter.decks().some(d => d.id === deckId)).toBe(true);
	});

	it('without rescheduling every card waits in the review queue, and goes home with its queue rebuilt from its type', async () => {
		opened = await source.open();
		const {col} = opened;
		const before = allCards(col);
		const {deckId, cards} = saveFilteredDeck(col, {id: 0, name: 'Preview', config: settings([['', 99_999, FilteredOrder.Random]], false)});
		const after = allCards(col);
		let moved = 0;
		for (const card of after.values()) {
			if (card.did !== deckId) continue;
			moved++;
			expect(card.queue).toBe(CardQueue.Review);
		}
		expect(moved).toBe(cards);
		// A card suspended while inside stays suspended when it goes home.
		const suspended = [...after.values()].find(c => c.did === deckId)!;
		col.db.prepare('UPDATE cards SET queue = -1 WHERE id = ?').run(suspended.id);
		emptyFilteredDeck(col, deckId);
		const back = allCards(col);
		for (const original of before.values()) {
			const card = back.get(original.id)!;
			if (card.id === suspended.id) {
				expect(card.queue).toBe(CardQueue.Suspended);
				continue;
			}
			// Anki rebuilds the queue from the type: a card that was in a consistent queue gets it back.
			if (eligible(original)) expect(card.queue).toBe(queueFromType(original));
			expect({...withoutStamp(card), queue: original.queue}).toEqual(withoutStamp(original));
		}
	});

	it('the second filter picks among what the first left, positions go on, and undo puts every row back', async () => {
		opened = await source.open();
		const {col} = opened;
		const rows = dumpRows(col.db);
		const total = [...allCards(col).values()].filter(eligible).length;
		const first = Math.max(1, Math.floor(total / 2));
		const {deckId, cards} = saveFilteredDeck(col, {id: 0, name: 'Two', config: settings([['', first, FilteredOrder.Random], ['', 99_999, FilteredOrder.Added]])});
		expect(cards).toBe(total);
		const dues = (col.db.prepare('SELECT due FROM cards WHERE did = ? AND odue > 0 ORDER BY due').pluck().all(deckId) as number[]);
		expect(dues.every((due, i) => i === 0 || due > dues[i - 1]!)).toBe(true);
		expect(col.undo.peek()).toBe('Build Deck');
		expect(col.undo.undo()?.label).toBe('Build Deck');
		const restored = dumpRows(col.db);
		// col.mod is put back too; only the collection row's own counters may differ.
		expect(restored).toEqual(rows);
	});
});

describe.each(sources.filter(s => !s.shared))('filtered deck settings on $name', source => {
	it('a malformed search gets Anki\'s message and writes nothing', async () => {
		opened = await source.open();
		const {col} = opened;
		const rows = dumpRows(col.db);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'Bad', config: settings([['deck:x (is:due', 10, 1]])})).toThrow(SearchError);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'Bad', config: settings([['is:nothing', 10, 1]])})).toThrow(
			"Invalid search: `is:` was given an invalid argument '`nothing`'.",
		);
		expect(dumpRows(col.db)).toEqual(rows);
	});

	it('a search that matches nothing gets Anki\'s message and rolls back; "even if empty" keeps the deck', async () => {
		opened = await source.open();
		const {col} = opened;
		const rows = dumpRows(col.db);
		const nothing = settings([['"no such text anywhere zzqx"', 100, 1]]);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'Empty', config: nothing})).toThrow(
			new StudyError('No cards matched the provided search. Some cards may have been excluded because they are in a different filtered deck, or suspended.'),
		);
		expect(dumpRows(col.db)).toEqual(rows);
		const {cards, deckId} = saveFilteredDeck(col, {id: 0, name: 'Empty', config: nothing, allowEmpty: true});
		expect(cards).toBe(0);
		expect(col.adapter.decks().find(d => d.id === deckId)?.filtered?.searchTerms[0]?.search).toBe('"no such text anywhere zzqx"');
	});

	it('limits, delays and orders out of Anki\'s ranges are refused', async () => {
		opened = await source.open();
		const {col} = opened;
		const rows = dumpRows(col.db);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'X', config: settings([['', 0, 1]])})).toThrow(UsageError);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'X', config: settings([['', 100_000, 1]])})).toThrow('from 1 to 99999');
		expect(() => saveFilteredDeck(col, {id: 0, name: 'X', config: settings([['', 10, 11]])})).toThrow(UsageError);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'X', config: {...settings([['', 10, 1]]), previewAgainSecs: -1}})).toThrow(UsageError);
		expect(dumpRows(col.db)).toEqual(rows);
	});

	it('orders: intervals, lapses, added, latest added, due and oldest seen pick and place cards in Anki\'s order', async () => {
		opened = await source.open();
		const {col} = opened;
		const check = (order: number, key: (c: Card) => number[]) => {
			const {deckId} = saveFilteredDeck(col, {id: 0, name: `Order ${order}`, config: settings([['-is:new', 99_999, order]])});
			const cards = (col.db.prepare('SELECT id FROM cards WHERE did = ? ORDER BY due').pluck().all(deckId) as number[]).map(id => allCards(col).get(id)!);
			const keys = cards.map(key);
			for (let i = 1; i < keys.length; i++) {
				const [a, b] = [keys[i - 1]!, keys[i]!];
				const cmp = a.findIndex((v, j) => v !== b[j]);
				if (cmp >= 0) expect(a[cmp]! < b[cmp]!).toBe(true);
			}
			removeDeck(col, deckId);
		};
		check(FilteredOrder.IntervalsAscending, c => [c.ivl]);
		check(FilteredOrder.IntervalsDescending, c => [-c.ivl]);
		check(FilteredOrder.Lapses, c => [-c.lapses]);
		check(FilteredOrder.Added, c => [c.nid, c.ord]);
		check(FilteredOrder.ReverseAdded, c => [-c.nid, c.ord]);
		const now = Math.floor(Date.now() / 1000);
		const today = timingAt(readSchedulerSettings(col), Date.now()).today;
		// Moved cards keep their old due in odue; timestamps sort as they are, days as seconds from now.
		check(FilteredOrder.Due, c => [c.odue > 1_000_000_000 ? c.odue : (c.odue - today) * 86_400 + now, c.ord]);
		const lastReview = col.db.prepare('SELECT max(id) FROM revlog WHERE cid = ?').pluck();
		check(FilteredOrder.OldestSeenFirst, c => [Number(lastReview.get(c.id) ?? -1)]);
	});

	it('rebuild returns the cards and builds again; editing keeps the deck and replaces its settings', async () => {
		opened = await source.open();
		const {col} = opened;
		const {deckId, cards} = saveFilteredDeck(col, {id: 0, name: 'Cram', config: settings([['is:new', 5, FilteredOrder.Added]])});
		expect(cards).toBe(5);
		expect(rebuildFilteredDeck(col, deckId)).toBe(5);
		const renamed = saveFilteredDeck(col, {id: deckId, name: 'Cram again', config: settings([['-is:new', 3, FilteredOrder.Random]], false)});
		expect(renamed).toEqual({deckId, cards: 3});
		const deck = col.adapter.decks().find(d => d.id === deckId)!;
		expect(deck.name).toBe('Cram again');
		expect(deck.filtered).toMatchObject({reschedule: false, searchTerms: [{search: '-is:new', limit: 3, order: 1}]});
		expect(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? AND type = 0').pluck().get(deckId)).toBe(0);
	});

	it('studying shows new cards in the order the deck was built in, whatever the preset\'s new-card order', async () => {
		opened = await source.open();
		const {col} = opened;
		const {deckId, cards} = saveFilteredDeck(col, {id: 0, name: 'Newest', config: settings([['is:new', 99_999, FilteredOrder.ReverseAdded]])});
		const built = col.db.prepare('SELECT id FROM cards WHERE did = ? ORDER BY due').pluck().all(deckId) as number[];
		expect(built).toHaveLength(cards);
		const session = openReviewSession(col, deckId);
		const shown: number[] = [];
		for (let current = session.current(); current && current.kind === 'new'; current = session.current()) {
			shown.push(current.card.id);
			session.buryCard();
		}
		expect(shown).toEqual(built);
	});

	it('answers without rescheduling: Again waits in the preview queue, Good (0 s) sends the card home unchanged', async () => {
		opened = await source.open();
		const {col} = opened;
		const before = allCards(col);
		const {deckId} = saveFilteredDeck(col, {id: 0, name: 'Preview', config: settings([['-is:new', 99_999, FilteredOrder.Due]], false)});
		const session = openReviewSession(col, deckId);
		const first = session.current()!.card;
		session.answer(1, 1000);
		const again = allCards(col).get(first.id)!;
		expect(again).toMatchObject({did: deckId, queue: CardQueue.PreviewRepeat, reps: first.reps});
		const second = session.current()!.card;
		expect(second.id).not.toBe(first.id);
		session.answer(3, 1000);
		const home = allCards(col).get(second.id)!;
		const original = before.get(second.id)!;
		expect(withoutStamp(home)).toEqual(withoutStamp(original));
		const revlog = col.db.prepare('SELECT type, factor FROM revlog WHERE cid = ? ORDER BY id DESC LIMIT 1').get(second.id);
		expect(revlog).toEqual({type: 3, factor: 0});
	});

	it('deleting a filtered deck sends its cards home, leaves a deck grave and removes its settings', async () => {
		opened = await source.open();
		const {col} = opened;
		const before = allCards(col);
		const {deckId} = saveFilteredDeck(col, {id: 0, name: 'Gone', config: settings([['', 99_999, 1]])});
		col.adapter.setConfig(`_deck_${deckId}_lastNotetype`, 1, 0);
		expect(removeDeck(col, deckId)).toBe(0);
		expect(col.adapter.decks().some(d => d.id === deckId)).toBe(false);
		for (const card of allCards(col).values()) expect(withoutStamp(card)).toEqual(withoutStamp(before.get(card.id)!));
		expect(col.db.prepare('SELECT usn FROM graves WHERE oid = ? AND type = 2').pluck().all(deckId)).toEqual([-1]);
		expect(col.adapter.getConfig(`_deck_${deckId}_lastNotetype`)).toBeUndefined();
	});

	it('a filtered deck cannot have children, and its parents are created as normal decks', async () => {
		opened = await source.open();
		const {col} = opened;
		const {deckId} = saveFilteredDeck(col, {id: 0, name: 'Exams::Week 1', config: settings([['', 10, 1]])});
		expect(deckByName(col, 'Exams').normal).toBeDefined();
		expect(col.adapter.decks().find(d => d.id === deckId)?.name).toBe('Exams::Week 1');
		expect(() => saveFilteredDeck(col, {id: 0, name: 'Exams::Week 1::Day 1', config: settings([['', 10, 1]])})).toThrow(
			new StudyError('Filtered decks can not have child decks.'),
		);
	});

	it('the new-deck dialog starts with "Filtered Deck HH:MM" and searches on the current normal deck', async () => {
		opened = await source.open();
		const {col} = opened;
		const deck = deckByName(col, 'anki-tui demo::Basics');
		col.adapter.setConfig('curDeck', deck.id, 0);
		const at = new Date(2026, 2, 4, 7, 5).getTime();
		const defaults = newFilteredDeckDefaults(col, {nowMs: at});
		expect(defaults.name).toBe('Filtered Deck 07:05');
		expect(defaults.config.searchTerms).toEqual([
			{search: '"deck:anki-tui demo::Basics" is:due', limit: 100, order: FilteredOrder.Random},
			{search: '"deck:anki-tui demo::Basics" is:new', limit: 20, order: FilteredOrder.Due},
		]);
	});

	it('stores the deck as Anki does in its schema', async () => {
		opened = await source.open();
		const {col} = opened;
		const {deckId} = saveFilteredDeck(col, {id: 0, name: 'Stored', config: settings([['is:due', 30, FilteredOrder.Due]], false)});
		if (source.schema === 11) {
			const decks = JSON.parse(col.db.prepare('SELECT decks FROM col').pluck().get() as string);
			expect(decks[String(deckId)]).toMatchObject({
				dyn: 1,
				resched: false,
				terms: [['is:due', 30, 6]],
				separate: true,
				delays: null,
				previewAgainSecs: 60,
				previewHardSecs: 600,
				previewGoodSecs: 0,
				usn: -1,
				collapsed: true,
				browserCollapsed: true,
			});
		} else {
			const row = col.db.prepare('SELECT name, usn FROM decks WHERE id = ?').get(deckId);
			expect(row).toEqual({name: 'Stored', usn: -1});
		}
		expect(col.adapter.decks().find(d => d.id === deckId)?.filtered).toEqual(settings([['is:due', 30, FilteredOrder.Due]], false));
	});
});

describe.runIf(hasShared)('a collection still on the v1 scheduler', () => {
	it('is refused with Anki\'s message, and nothing is written', async () => {
		const {collection: col} = openSharedCopy('schema14-japanese-furigana.anki2');
		opened = {col, close: () => col.close()};
		const rows = dumpRows(col.db);
		expect(() => saveFilteredDeck(col, {id: 0, name: 'v1', config: settings([['', 10, 1]])})).toThrow(
			new StudyError('Your collection needs to be upgraded to the V2 scheduler.'),
		);
		expect(dumpRows(col.db)).toEqual(rows);
	});
});

describe('filtered deck orders', () => {
	it('are named as in Anki\'s dialog and found by number, label or slug', () => {
		expect(FILTERED_ORDERS).toHaveLength(11);
		expect(parseFilteredOrder('6')).toBe(6);
		expect(parseFilteredOrder('Order due')).toBe(6);
		expect(parseFilteredOrder('due')).toBe(6);
		expect(parseFilteredOrder('latest-added-first')).toBe(7);
		expect(parseFilteredOrder('relative_overdueness')).toBe(10);
		expect(() => parseFilteredOrder('sideways')).toThrow(UsageError);
		expect(() => parseFilteredOrder('11')).toThrow(UsageError);
	});
});
