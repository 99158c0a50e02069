import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {createCollection, creationTimeSecs} from '../../source/core/collection/create.js';
import {hasShared, noticeIfNoShared, sharedFile, tempDir} from '../helpers/shared.js';
import {consistencyProblems, integrityCheck} from './integrity.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});
function scratch(): string {
	const t = tempDir();
	cleanups.push(t.cleanup);
	return t.dir;
}

const fixedNow = 1716208388862; // 2024-05-20 12:33 UTC

describe('creationTimeSecs', () => {
	it('is 4 am local time of the creation day', () => {
		// UTC+2 (120 minutes east = -120 west): 14:33 local -> 04:00 local = 02:00 UTC
		expect(creationTimeSecs(fixedNow, -120)).toBe(Date.UTC(2024, 4, 20, 2) / 1000);
	});
	it('is the previous day before 4 am', () => {
		const at3am = Date.UTC(2024, 4, 20, 3, 0); // 03:00 UTC, zone UTC
		expect(creationTimeSecs(at3am, 0)).toBe(Date.UTC(2024, 4, 19, 4) / 1000);
	});
});

describe('createCollection', () => {
	for (const schema of [11, 18] as const) {
		it(`writes a valid empty schema ${schema} collection`, () => {
			const file = path.join(scratch(), 'collection.anki2');
			const made = createCollection(file, {schema, now: fixedNow, minutesWest: -120, idSeed: 7});
			expect(integrityCheck(file)).toBe('ok');
			expect(consistencyProblems(file)).toEqual([]);
			const db = new Database(file, {readonly: true});
			const col = db.prepare('SELECT * FROM col').get() as Record<string, unknown>;
			expect(col).toMatchObject({id: 1, crt: 1716170400, mod: fixedNow, scm: fixedNow, ver: schema, usn: 0, ls: 0, dty: 0});
			expect(db.pragma('page_size', {simple: true})).toBe(4096);
			expect(db.pragma('journal_mode', {simple: true})).toBe(schema === 18 ? 'wal' : 'delete');
			let conf: Record<string, unknown>;
			let notetypeNames: string[];
			let deckNames: string[];
			if (schema === 11) {
				conf = JSON.parse(col.conf as string);
				notetypeNames = Object.values(JSON.parse(col.models as string) as Record<string, {name: string}>).map(m => m.name);
				deckNames = Object.values(JSON.parse(col.decks as string) as Record<string, {name: string}>).map(d => d.name);
				const dconf = JSON.parse(col.dconf as string) as Record<string, {name: string; new: {perDay: number}}>;
				expect(dconf['1'].name).toBe('Default');
				expect(dconf['1'].new.perDay).toBe(20);
				expect(col.tags).toBe('{}');
			} else {
				conf = Object.fromEntries(
					(db.prepare('SELECT KEY, val FROM config').all() as Array<{KEY: string; val: Buffer}>).map(r => [r.KEY, JSON.parse(r.val.toString())]),
				);
				notetypeNames = (db.prepare('SELECT id, name FROM notetypes').all() as Array<{name: string}>).map(r => r.name);
				deckNames = (db.prepare('SELECT id, name FROM decks').all() as Array<{name: string}>).map(r => r.name);
				for (const c of ['conf', 'models', 'decks', 'dconf', 'tags']) expect(col[c]).toBe('');
			}
			expect(conf).toMatchObject({schedVer: 2, sched2021: true, rollover: 4, creationOffset: -120, nextPos: 1, curDeck: 1, activeDecks: [1], collapseTime: 1200, curModel: made.basicNotetypeId});
			expect(notetypeNames).toEqual(['Basic', 'Basic (and reversed card)', 'Basic (optional reversed card)', 'Basic (type in the answer)', 'Cloze']);
			expect(deckNames).toEqual(['Default']);
			db.close();
		});
	}

	it('is deterministic for fixed inputs', () => {
		const dir = scratch();
		const a = path.join(dir, 'a.anki2');
		const b = path.join(dir, 'b.anki2');
		createCollection(a, {schema: 11, now: fixedNow, minutesWest: 0, idSeed: 1});
		createCollection(b, {schema: 11, now: fixedNow, minutesWest: 0, idSeed: 1});
		const read = (f: string) => new Database(f, {readonly: true}).prepare('SELECT * FROM col').get();
		expect(read(a)).toEqual(read(b));
	});

	it('refuses to overwrite an existing file', () => {
		const file = path.join(scratch(), 'c.anki2');
		createCollection(file, {schema: 11});
		expect(() => createCollection(file, {schema: 11})).toThrow(/already exists/);
	});
});

describe.skipIf(!hasShared)('createCollection vs a schema-18 file desktop Anki created', () => {
	noticeIfNoShared();
	it('has the same tables, indexes and default blobs', () => {
		const file = path.join(scratch(), 'c.anki2');
		createCollection(file, {schema: 18, now: fixedNow, minutesWest: -120});
		const ours = new Database(file, {readonly: true});
		const real = new Database(sharedFile('schema18-empty.anki2'), {readonly: true});
		const schemaOf = (db: Database.Database) =>
			Object.fromEntries(
				(db.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as Array<{name: string; sql: string}>).map(r => [r.name, r.sql]),
			);
		expect(schemaOf(ours)).toEqual(schemaOf(real));
		const deck = (db: Database.Database) => db.prepare('SELECT id, name, hex(common) c, hex(kind) k FROM decks WHERE id = 1').get();
		expect(deck(ours)).toEqual(deck(real));
		expect(ours.prepare('SELECT crt FROM col').pluck().get()).toBe(real.prepare('SELECT crt FROM col').pluck().get());
		ours.close();
		real.close();
	});
});

describe('created collections in the collection reader', () => {
	for (const schema of [11, 18] as const) {
		it(`reads a new schema ${schema} collection back as Anki's defaults`, async () => {
			const {openCollection} = await import('../../source/core/collection/open.js');
			const file = path.join(scratch(), 'collection.anki2');
			const made = createCollection(file, {schema, now: fixedNow, minutesWest: -120, idSeed: 3});
			const col = openCollection(file, {readOnly: true});
			try {
				expect(col.info()).toMatchObject({crt: made.crt, ver: schema, usn: 0, ls: 0});
				const notetypes = col.adapter.notetypes();
				expect(notetypes.map(n => [n.id, n.name, n.kind, n.fields.map(f => f.name), n.templates.map(t => t.name)])).toEqual([
					[made.notetypeIds[0], 'Basic', 'standard', ['Front', 'Back'], ['Card 1']],
					[made.notetypeIds[1], 'Basic (and reversed card)', 'standard', ['Front', 'Back'], ['Card 1', 'Card 2']],
					[made.notetypeIds[2], 'Basic (optional reversed card)', 'standard', ['Front', 'Back', 'Add Reverse'], ['Card 1', 'Card 2']],
					[made.notetypeIds[3], 'Basic (type in the answer)', 'standard', ['Front', 'Back'], ['Card 1']],
					[made.notetypeIds[4], 'Cloze', 'cloze', ['Text', 'Back Extra'], ['Cloze']],
				]);
				expect(notetypes[4].templates[0].qfmt).toBe('{{cloze:Text}}');
				expect(notetypes[1].originalStockKind).toBe(2);
				const decks = col.adapter.decks();
				expect(decks).toHaveLength(1);
				expect(decks[0]).toMatchObject({id: 1, name: 'Default', collapsed: true, browserCollapsed: true, normal: {configId: 1}});
				const [config] = col.adapter.deckConfigs();
				expect(config).toMatchObject({
					id: 1,
					name: 'Default',
					learnSteps: [1, 10],
					relearnSteps: [10],
					newPerDay: 20,
					reviewsPerDay: 200,
					initialEase: 2.5,
					maximumReviewInterval: 36500,
					graduatingIntervalEasy: 4,
					leechAction: 1,
					leechThreshold: 8,
					capAnswerTimeToSecs: 60,
				});
				expect(config.easyMultiplier).toBeCloseTo(1.3, 5);
				expect(col.adapter.getConfig('sched2021')).toBe(true);
				expect(col.adapter.getConfig('curModel')).toBe(made.basicNotetypeId);
			} finally {
				col.close();
			}
		});
	}
});
