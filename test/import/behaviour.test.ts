// Import rules on the project's own fixtures: every generation, media renaming, backups, updates,
// changed notetypes, the v1 scheduler (in the collection and in a package), schema-18 targets.
import {copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {writePackage} from '../../scripts/lib/write-package.js';
import {summaryLine} from '../../source/core/package/merge-summary.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {consistencyProblems, integrityCheck} from '../create/integrity.js';
import {freshLocal, importInto, setColJson, snapshot, type Local} from './helpers.js';

const fixture = (name: string) => path.join(projectRoot, 'fixtures', name);
const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});
function local(): Local {
	const l = freshLocal();
	cleanups.push(l.cleanup);
	return l;
}
function scratch(): string {
	const t = tempDir();
	cleanups.push(t.cleanup);
	return t.dir;
}

/** A package (anki2 layout) built from a copy of fixtures/schema11.anki2 after `edit`. */
async function editedPackage(edit: (db: Database.Database, file: string) => void): Promise<string> {
	const dir = scratch();
	const file = path.join(dir, 'collection.anki2');
	copyFileSync(fixture('schema11.anki2'), file);
	const db = new Database(file);
	edit(db, file);
	db.close();
	const out = path.join(dir, 'edited.apkg');
	await writePackage(out, {generation: 'anki2', kind: 'apkg', collectionFile: file, media: []});
	return out;
}

describe('importing the project fixtures', () => {
	it('imports every generation of the same deck as the same notes', async () => {
		const l = local();
		const first = await importInto(l, fixture('latest.apkg'));
		expect(first).toMatchObject({notesAdded: 20, cardsAdded: 28, revlogAdded: 22, mediaAdded: 2, decksAdded: 5});
		expect(summaryLine(first, 'latest.apkg')).toBe(
			'Imported latest.apkg: 20 notes added, 0 updated, 0 unchanged; 28 cards, 22 reviews, 2 media files, 5 decks, 6 notetypes added.',
		);
		const after = snapshot(l);
		for (const name of ['anki2.apkg', 'anki21.apkg', 'legacy2.apkg', 'latest.colpkg']) {
			const again = await importInto(l, fixture(name));
			expect(again.notesUnchanged, name).toBe(20);
			expect(again.cardsAdded + again.notesAdded + again.mediaAdded, name).toBe(0);
			expect(summaryLine(again, name)).toBe(`Imported ${name}: nothing new (20 notes already in the collection).`);
		}
		expect(snapshot(l)).toEqual(after);
		expect(integrityCheck(l.path)).toBe('ok');
		expect(consistencyProblems(l.path)).toEqual([]);
	});

	it('keeps scheduling, shifting review days to the collection\'s own day numbers', async () => {
		const l = local();
		await importInto(l, fixture('latest.apkg'));
		const col = openCollection(l.path, {readOnly: true});
		const crt = col.db.prepare('SELECT crt FROM col').pluck().get() as number;
		const queues = col.db.prepare('SELECT queue, count() n FROM cards GROUP BY queue ORDER BY queue').all();
		expect(queues).toEqual([
			{queue: -3, n: 1},
			{queue: -1, n: 1},
			{queue: 0, n: 18},
			{queue: 1, n: 2},
			{queue: 2, n: 5},
			{queue: 3, n: 1},
		]);
		// "Capital of Australia" was due on the package's day 10 (2026-01-15): the same date here,
		// whatever day number that is in a collection created today
		const due = col.db.prepare("SELECT c.due FROM cards c JOIN notes n ON n.id = c.nid WHERE n.sfld = 'Capital of Australia' AND c.ord = 0").pluck().get() as number;
		const dueDate = new Date((crt + due * 86400) * 1000).toISOString().slice(0, 10);
		col.close();
		expect(dueDate).toBe('2026-01-15');
	});

	it('renames a media file whose name is taken by other bytes, and rewrites the notes using it', async () => {
		const l = local();
		const mine = Buffer.from('not the package picture');
		writeFileSync(path.join(l.mediaDir, 'demo-gradient.png'), mine);
		const summary = await importInto(l, fixture('latest.apkg'));
		expect(summary).toMatchObject({mediaAdded: 2, mediaRenamed: 1});
		const files = readdirSync(l.mediaDir);
		const renamed = files.find(f => /^demo-gradient-[0-9a-f]{40}\.png$/.test(f));
		expect(renamed).toBeDefined();
		const bytes = readFileSync(path.join(l.mediaDir, renamed!));
		expect(renamed).toBe(`demo-gradient-${createHash('sha1').update(bytes).digest('hex')}.png`);
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		expect(readFileSync(path.join(l.mediaDir, 'demo-gradient.png'))).toEqual(mine);
		const col = openCollection(l.path, {readOnly: true});
		const flds = col.db.prepare("SELECT flds FROM notes WHERE flds LIKE '%<img%'").pluck().get() as string;
		col.close();
		expect(flds).toContain(`<img src="${renamed}">`);
		// a second import finds the renamed copy and adds nothing
		const again = await importInto(l, fixture('latest.apkg'));
		expect(again).toMatchObject({mediaAdded: 0, notesAdded: 0});
		expect(readdirSync(l.mediaDir).sort()).toEqual(files.sort());
	});

	it('backs the collection up before writing into it', async () => {
		const l = local();
		const summary = await importInto(l, fixture('anki2.apkg'));
		expect(summary.backupPath).toBeDefined();
		expect(path.dirname(summary.backupPath!)).toBe(path.join(path.dirname(l.path), 'backups'));
		const backup = new Database(summary.backupPath!, {readonly: true});
		expect(backup.prepare('SELECT count() FROM notes').pluck().get()).toBe(0);
		backup.close();
	});

	it('updates a note when the package has a newer version, and keeps older ones', async () => {
		const l = local();
		await importInto(l, fixture('anki2.apkg'));
		const newer = await editedPackage(db => {
			db.prepare("UPDATE notes SET flds = replace(flds, 'Canberra', 'Canberra (since 1913)'), mod = mod + 100 WHERE flds LIKE 'Capital of Australia%'").run();
		});
		const older = await editedPackage(db => {
			db.prepare("UPDATE notes SET flds = 'stale', mod = mod - 100 WHERE flds LIKE 'Largest planet%'").run();
		});
		expect(await importInto(l, newer)).toMatchObject({notesUpdated: 1, notesUnchanged: 19, notesAdded: 0, cardsAdded: 0});
		expect(await importInto(l, older)).toMatchObject({notesUpdated: 0, notesUnchanged: 20});
		const col = openCollection(l.path, {readOnly: true});
		const fields = col.db.prepare("SELECT flds FROM notes WHERE sfld IN ('Capital of Australia', 'Largest planet of the solar system') ORDER BY sfld").pluck().all();
		col.close();
		expect(fields).toEqual(['Capital of Australia\u001fCanberra (since 1913)', 'Largest planet of the solar system\u001fJupiter']);
	});

	it('adds a changed notetype under a new id, once', async () => {
		const l = local();
		await importInto(l, fixture('anki2.apkg'));
		const changed = await editedPackage((db, file) => {
			db.close();
			setColJson(file, 'models', models => {
				const nt = Object.values(models).find(m => (m as {name: string}).name === 'Japanese (furigana)') as {flds: Array<Record<string, unknown>>};
				nt.flds.push({...nt.flds[1], name: 'Notes', ord: 2, id: null});
			});
			const again = new Database(file);
			again.prepare("UPDATE notes SET flds = flds || char(31) WHERE flds LIKE '%[にほん]%' OR flds LIKE '%[かんじ]%'").run();
			db = again;
			again.close();
		});
		const first = await importInto(l, changed);
		expect(first).toMatchObject({notetypesAdded: 1, notesConflicting: 2, notesUnchanged: 18});
		const second = await importInto(l, changed);
		expect(second).toMatchObject({notetypesAdded: 0, notesConflicting: 2});
		const col = openCollection(l.path, {readOnly: true});
		const names = col.adapter.notetypes().map(n => n.name).filter(n => n.startsWith('Japanese'));
		col.close();
		expect(names.sort()).toEqual(['Japanese (furigana)', 'Japanese (furigana)+']);
	});
});

describe('the v1 scheduler', () => {
	it('upgrades a v1 collection before importing into it, as current Anki requires', async () => {
		const l = local();
		setColJson(l.path, 'conf', conf => {
			conf.schedVer = 1;
			delete conf.sched2021;
		});
		const db = new Database(l.path);
		db.prepare("INSERT INTO revlog VALUES (1767600000000, 1, 0, 2, -600, -60, 0, 3000, 0)").run();
		const scmBefore = db.prepare('SELECT scm FROM col').pluck().get();
		db.close();
		const summary = await importInto(l, fixture('anki2.apkg'));
		expect(summary.schedulerUpgraded).toBe(true);
		expect(summary.notesAdded).toBe(20);
		const after = new Database(l.path, {readonly: true});
		const conf = JSON.parse(after.prepare('SELECT conf FROM col').pluck().get() as string) as Record<string, unknown>;
		expect(conf.schedVer).toBe(2);
		expect(after.prepare('SELECT scm FROM col').pluck().get()).not.toBe(scmBefore);
		// v1 "Good" while learning (2) became v2 "Good" (3)
		expect(after.prepare('SELECT ease FROM revlog WHERE id = 1767600000000').pluck().get()).toBe(3);
		after.close();
		expect(consistencyProblems(l.path)).toEqual([]);
	});

	it('upgrades a v1 package before reading it: v1 relearning cards become type 3', async () => {
		const l = local();
		const v1 = await editedPackage((db, file) => {
			// v1 relearning: type review, queue learning
			db.prepare("UPDATE cards SET type = 2, queue = 1, due = 1767603600, ivl = 3, left = 1 WHERE nid = (SELECT id FROM notes WHERE sfld = 'Largest planet of the solar system') AND ord = 0").run();
			db.close();
			setColJson(file, 'conf', conf => {
				conf.schedVer = 1;
			});
		});
		const summary = await importInto(l, v1);
		expect(summary.schedulerUpgraded).toBe(false);
		const col = openCollection(l.path, {readOnly: true});
		const card = col.db.prepare("SELECT c.type, c.queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.sfld = 'Largest planet of the solar system' AND c.ord = 0").get();
		col.close();
		expect(card).toEqual({type: 3, queue: 1});
		expect(consistencyProblems(l.path)).toEqual([]);
	});
});

function colMod(file: string): number {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT mod FROM col').pluck().get() as number;
	} finally {
		db.close();
	}
}

describe('a schema 18 collection as the target', () => {
	it('takes imports and stays consistent', async () => {
		const dir = scratch();
		const target = {path: path.join(dir, 'collection.anki2'), mediaDir: path.join(dir, 'collection.media')};
		copyFileSync(fixture('schema18.anki2'), target.path);
		const modBefore = colMod(target.path);
		const summary = await importInto(target, fixture('anki21.apkg'));
		// same deck, same guids and notetype ids: nothing new, so nothing written (no backup, mod kept)
		expect(summary).toMatchObject({notesAdded: 0, notesUnchanged: 20});
		expect(summary.backupPath).toBeUndefined();
		expect(existsSync(path.join(dir, 'backups'))).toBe(false);
		expect(colMod(target.path)).toBe(modBefore);
		expect(integrityCheck(target.path)).toBe('ok');
		// a package with something new still backs the collection up first
		const newer = await editedPackage(db => {
			db.prepare("UPDATE notes SET flds = replace(flds, 'Canberra', 'Canberra (since 1913)'), mod = mod + 100 WHERE flds LIKE 'Capital of Australia%'").run();
		});
		const next = await importInto(target, newer);
		expect(next.notesAdded + next.notesUpdated + next.cardsAdded).toBeGreaterThan(0);
		expect(existsSync(next.backupPath!)).toBe(true);
		expect(colMod(target.path)).toBeGreaterThan(modBefore);
	});
});

describe('unusual packages, merged as Anki merges them', () => {
	const ids = (file: string, sql: string) => {
		const db = new Database(file, {readonly: true});
		try {
			return db.prepare(sql).raw().all();
		} finally {
			db.close();
		}
	};

	it('moves new notes and cards whose ids the collection already uses by 999, and skips history whose ids are taken', async () => {
		const l = local();
		await importInto(l, fixture('anki2.apkg'));
		const before = ids(l.path, 'SELECT id FROM notes ORDER BY id').flat() as number[];
		const cardsBefore = ids(l.path, 'SELECT id FROM cards ORDER BY id').flat() as number[];
		const renamed = await editedPackage(db => db.exec("UPDATE notes SET guid = guid || 'x'"));
		expect(await importInto(l, renamed)).toMatchObject({notesAdded: 20, cardsAdded: 28, revlogAdded: 0});
		const moved = (ids(l.path, "SELECT id FROM notes WHERE guid LIKE '%x' ORDER BY id").flat() as number[]);
		expect(moved).toEqual(before.map(id => id + 999));
		const movedCards = ids(l.path, `SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid LIKE '%x' ORDER BY c.id`).flat() as number[];
		expect(movedCards).toHaveLength(28);
		expect(new Set(movedCards).size).toBe(28);
		// 1767603615501 + 999 is the card 1767603616500: it moves twice, to 1767603617499; then that
		// id is taken when 1767603616500 itself moves, so it goes on to 1767603618498
		const cardOf = (sql: string) => ids(l.path, sql).flat()[0];
		const newId = (old: number) => cardOf(`SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid LIKE '%x' AND n.id = (SELECT nid FROM cards WHERE id = ${old}) + 999 AND c.ord = (SELECT ord FROM cards WHERE id = ${old})`);
		expect(newId(1767603610500)).toBe(1767603611499);
		expect(newId(1767603615501)).toBe(1767603617499);
		expect(newId(1767603616500)).toBe(1767603618498);
		expect(consistencyProblems(l.path)).toEqual([]);
	});

	it('merges notes sharing one guid into the first: newer ones update it, the last newer one wins', async () => {
		const l = local();
		const dup = await editedPackage(db => {
			// four Basic notes with one card each (ord 0)
			db.exec("UPDATE notes SET guid = 'DUP' WHERE id IN (1767603610000, 1767603611000, 1767603612000, 1767603617000)");
			db.exec('UPDATE notes SET mod = mod + 50 WHERE id = 1767603611000');
			db.exec('UPDATE notes SET mod = mod - 50 WHERE id = 1767603612000');
			db.exec("UPDATE notes SET mod = mod + 80, tags = ' dup ' WHERE id = 1767603617000");
		});
		const summary = await importInto(l, dup);
		expect(summary).toMatchObject({notesAdded: 17, notesUpdated: 2, notesUnchanged: 1, cardsAdded: 25});
		expect(ids(l.path, "SELECT id, mod, tags FROM notes WHERE guid = 'DUP'")).toEqual([[1767603610000, 1767603600 + 80, ' dup ']]);
		const original = ids(fixture('schema11.anki2'), 'SELECT flds FROM notes WHERE id = 1767603617000').flat()[0];
		expect(ids(l.path, "SELECT flds FROM notes WHERE guid = 'DUP'").flat()).toEqual([original]);
		expect(ids(l.path, "SELECT count() FROM cards WHERE nid = 1767603610000").flat()).toEqual([1]);
		const col = openCollection(l.path, {readOnly: true});
		expect(col.adapter.allTags()).toContain('dup');
		col.close();
		expect(consistencyProblems(l.path)).toEqual([]);
	});

	it('takes the first card (by id) of a note and template, and sends cards of missing decks to Default', async () => {
		const l = local();
		const odd = await editedPackage(db => {
			const first = 1767603610500;
			db.prepare('INSERT INTO cards SELECT id + 7, nid, did, ord, mod, usn, type, queue, due + 5, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards WHERE id = ?').run(first);
			db.prepare('INSERT INTO cards SELECT id - 3, nid, did, ord, mod, usn, type, queue, due + 9, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards WHERE id = ?').run(first);
			db.exec('UPDATE cards SET did = 424242 WHERE id = 1767603613500');
			db.exec('UPDATE cards SET odid = 515151, odue = 77 WHERE id = 1767603614500');
		});
		expect(await importInto(l, odd)).toMatchObject({notesAdded: 20, cardsAdded: 28});
		expect(ids(l.path, 'SELECT id FROM cards WHERE nid = 1767603610000').flat()).toEqual([1767603610497]);
		expect(ids(l.path, 'SELECT did, odid FROM cards WHERE id IN (1767603613500, 1767603614500) ORDER BY id')).toEqual([
			[1, 0],
			[expect.any(Number), 1],
		]);
	});
});
