// A small schema-11 Collection for scheduler tests: a real SQLite file made by createCollection,
// with just enough of the JSON adapter (decks, presets, config, tags) for the scheduler. Notes
// and cards are inserted with plain SQL.
import Database from 'better-sqlite3';
import {registerSqlFunctions} from '../../source/core/collection/sql-functions.js';
import path from 'node:path';
import {createCollection} from '../../source/core/collection/create.js';
import type {Collection, SchemaAdapter} from '../../source/core/collection/types.js';
import {CollectionUndo} from '../../source/core/collection/undo.js';
import type {Card, Deck, DeckConfig} from '../../source/core/model.js';
import {defaultConfig as presetDefaults} from './helpers.js';

type Json = Record<string, any>;

function readCol(db: Database.Database, column: string): Json {
	return JSON.parse((db.prepare(`SELECT ${column} AS v FROM col`).get() as {v: string}).v) as Json;
}

function writeCol(db: Database.Database, column: string, value: Json): void {
	db.prepare(`UPDATE col SET ${column} = ?`).run(JSON.stringify(value));
}

function deckFromJson(j: Json): Deck {
	const pair = (key: string): [number, number] => (Array.isArray(j[key]) ? (j[key] as [number, number]) : [0, 0]);
	const [day, newStudied] = pair('newToday');
	return {
		id: Number(j.id),
		name: String(j.name),
		mtimeSecs: Number(j.mod ?? 0),
		usn: Number(j.usn ?? 0),
		collapsed: Boolean(j.collapsed),
		browserCollapsed: Boolean(j.browserCollapsed),
		description: String(j.desc ?? ''),
		today: {day, newStudied, reviewStudied: pair('revToday')[1], learningStudied: pair('lrnToday')[1], millisecondsStudied: pair('timeToday')[1]},
		normal: j.dyn
			? undefined
			: {
					configId: Number(j.conf ?? 1),
					extendNew: 0,
					extendReview: 0,
					reviewLimit: j.reviewLimit ?? null,
					newLimit: j.newLimit ?? null,
					reviewLimitToday: j.reviewLimitToday ?? null,
					newLimitToday: j.newLimitToday ?? null,
					desiredRetention: null,
				},
		filtered: j.dyn
			? {
					reschedule: Boolean(j.resched),
					searchTerms: [],
					previewDelayMins: 0,
					previewAgainSecs: Number(j.previewAgainSecs ?? 60),
					previewHardSecs: Number(j.previewHardSecs ?? 600),
					previewGoodSecs: Number(j.previewGoodSecs ?? 0),
				}
			: undefined,
	};
}

function configFromJson(j: Json): DeckConfig {
	return presetDefaults({
		id: Number(j.id),
		name: String(j.name),
		learnSteps: j.new?.delays ?? [1, 10],
		relearnSteps: j.lapse?.delays ?? [10],
		newPerDay: j.new?.perDay ?? 20,
		reviewsPerDay: j.rev?.perDay ?? 200,
		initialEase: (j.new?.initialFactor ?? 2500) / 1000,
		graduatingIntervalGood: j.new?.ints?.[0] ?? 1,
		graduatingIntervalEasy: j.new?.ints?.[1] ?? 4,
		buryNew: Boolean(j.new?.bury),
		buryReviews: Boolean(j.rev?.bury),
		buryInterdayLearning: Boolean(j.buryInterdayLearning),
		leechAction: j.lapse?.leechAction ?? 1,
		leechThreshold: j.lapse?.leechFails ?? 8,
		capAnswerTimeToSecs: j.maxTaken ?? 60,
		newMix: j.newMix ?? 0,
		reviewOrder: j.reviewOrder ?? 0,
		newCardGatherPriority: j.newGatherPriority ?? 0,
		fsrsParams: j.fsrsParams6 ?? [],
		desiredRetention: j.desiredRetention ?? 0.9,
		...(Array.isArray(j.easyDaysPercentages) ? {easyDaysPercentages: j.easyDaysPercentages} : {}),
	});
}

class TestAdapter implements SchemaAdapter {
	readonly schemaVersion = 11;
	constructor(private readonly db: Database.Database) {}
	notetypes() {
		return [];
	}
	decks(): Deck[] {
		return Object.values(readCol(this.db, 'decks')).map(deckFromJson);
	}
	deckConfigs(): DeckConfig[] {
		return Object.values(readCol(this.db, 'dconf')).map(configFromJson);
	}
	notetypeOutlines() {
		return this.notetypes();
	}
	deckOutlines() {
		return this.decks();
	}
	deckConfigNames() {
		return this.deckConfigs();
	}
	deckListDecks() {
		return this.decks();
	}
	deckListPresets() {
		return this.deckConfigs();
	}
	getConfig(key: string): unknown {
		return readCol(this.db, 'conf')[key];
	}
	setConfig(key: string, value: unknown): void {
		const conf = readCol(this.db, 'conf');
		conf[key] = value;
		writeCol(this.db, 'conf', conf);
	}
	updateDeck(deck: Deck, nowSecs: number): void {
		const decks = readCol(this.db, 'decks');
		const j = decks[String(deck.id)];
		const t = deck.today;
		Object.assign(j, {
			mod: nowSecs,
			usn: -1,
			newToday: [t.day, t.newStudied],
			revToday: [t.day, t.reviewStudied],
			lrnToday: [t.day, t.learningStudied],
			timeToday: [t.day, t.millisecondsStudied],
		});
		writeCol(this.db, 'decks', decks);
	}
	addDeck(deck: Deck, nowSecs: number): number {
		const decks = readCol(this.db, 'decks');
		const base = JSON.parse(JSON.stringify(decks['1']));
		decks[String(deck.id)] = {...base, id: deck.id, name: deck.name, mod: nowSecs, conf: deck.normal?.configId ?? 1, ...(deck.filtered ? {dyn: 1, resched: deck.filtered.reschedule} : {})};
		writeCol(this.db, 'decks', decks);
		return deck.id;
	}
	addNotetype(): number {
		return 0;
	}
	addDeckConfig(config: DeckConfig): number {
		const dconf = readCol(this.db, 'dconf');
		const base = JSON.parse(JSON.stringify(dconf['1']));
		base.id = config.id;
		base.name = config.name;
		base.new.perDay = config.newPerDay;
		base.rev.perDay = config.reviewsPerDay;
		base.new.bury = config.buryNew;
		base.rev.bury = config.buryReviews;
		base.lapse.leechAction = config.leechAction;
		base.lapse.leechFails = config.leechThreshold;
		base.reviewOrder = config.reviewOrder;
		if (config.easyDaysPercentages) base.easyDaysPercentages = config.easyDaysPercentages;
		dconf[String(config.id)] = base;
		writeCol(this.db, 'dconf', dconf);
		return config.id;
	}
	updateDeckConfig(): void {
		throw new Error('not used by the scheduler tests');
	}
	removeDeckConfig(): void {
		throw new Error('not used by the scheduler tests');
	}
	registerTags(tags: string[]): void {
		const known = readCol(this.db, 'tags');
		for (const tag of tags) if (!(tag in known)) known[tag] = -1;
		writeCol(this.db, 'tags', known);
	}
	allTags(): string[] {
		return Object.keys(readCol(this.db, 'tags'));
	}
	findTag(name: string): string | undefined {
		return this.allTags().find(tag => tag.toLowerCase() === name.toLowerCase());
	}
	addTag(name: string): void {
		this.registerTags([name]);
	}
	addGrave(oid: number, type: 0 | 1 | 2): void {
		this.db.prepare('INSERT INTO graves (usn, oid, type) VALUES (-1, ?, ?)').run(oid, type);
	}
	removeDeck(id: number): void {
		const decks = readCol(this.db, 'decks');
		delete decks[String(id)];
		writeCol(this.db, 'decks', decks);
	}
	removeConfigPrefix(prefix: string): void {
		const conf = readCol(this.db, 'conf');
		for (const key of Object.keys(conf)) if (key.startsWith(prefix)) delete conf[key];
		writeCol(this.db, 'conf', conf);
	}
}

export interface TestCollection extends Collection {
	basicNotetypeId: number;
}

export function openTestCollection(dir: string, nowMs: number, minutesWest = 0): TestCollection {
	const file = path.join(dir, 'collection.anki2');
	const created = createCollection(file, {schema: 11, now: nowMs, minutesWest, idSeed: 7});
	const db = new Database(file);
	// As openCollection does for every connection.
	registerSqlFunctions(db);
	const adapter = new TestAdapter(db);
	const write = <T,>(fn: () => T): T => db.transaction(fn).immediate();
	const col: TestCollection = {
		path: file,
		db,
		adapter,
		readOnly: false,
		// A test collection in a temp dir: nothing to back up.
		backupPath: undefined,
		basicNotetypeId: created.basicNotetypeId,
		info() {
			return db.prepare('SELECT crt, mod, scm, ver, usn, ls FROM col').get() as any;
		},
		touch(ms: number) {
			db.prepare('UPDATE col SET mod = ?').run(ms);
		},
		scratch<T>(fn: () => T): T {
			return fn();
		},
		transaction<T>(fn: () => T): T {
			const result = write(fn);
			if (!col.undo.recording) col.undo.clear();
			return result;
		},
		transactionAsync(): never {
			throw new Error('the scheduler never writes across awaits');
		},
		idle() {},
		close() {
			db.close();
		},
		undo: undefined as unknown as CollectionUndo,
	};
	Object.assign(col, {undo: new CollectionUndo(col, write)});
	return col;
}

let nextId = 1_600_000_000_000;

/** Adds a note with `cards` cards (ords 0..n-1); returns the cards as inserted. */
export function addNote(col: TestCollection, did: number, cards: Array<Partial<Card>>, tags = ''): Card[] {
	const nid = nextId++;
	col.db
		.prepare("INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, 0, 0, ?, 'front\x1fback', 'front', 0, 0, '')")
		.run(nid, `g${nid}`, col.basicNotetypeId, tags);
	return cards.map((overrides, ord) => {
		const card: Card = {
			id: nextId++, nid, did, ord, mod: 0, usn: 0, type: 0, queue: 0, due: nid % 100000, ivl: 0, factor: 0,
			reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: '', ...overrides,
		};
		col.db
			.prepare('INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)')
			.run(card.id, card.nid, card.did, card.ord, card.mod, card.usn, card.type, card.queue, card.due, card.ivl, card.factor, card.reps, card.lapses, card.left, card.odue, card.odid, card.flags, card.data);
		return card;
	});
}

export function addDeck(col: TestCollection, id: number, name: string, configId = 1): void {
	col.adapter.addDeck(
		{
			id, name, mtimeSecs: 0, usn: 0, collapsed: false, browserCollapsed: false, description: '',
			today: {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0},
			normal: {configId, extendNew: 0, extendReview: 0, reviewLimit: null, newLimit: null, reviewLimitToday: null, newLimitToday: null, desiredRetention: null},
		},
		0,
	);
}
