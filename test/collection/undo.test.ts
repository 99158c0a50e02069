// The collection-level undo queue: every row an operation changes comes back byte for byte, on real
// collections of schema 11 and 18, in whatever table it lives (cards, notes, graves, tags, config,
// decks, col).
import {afterEach, describe, expect, it} from 'vitest';
import {cardsOfNote, getCard, updateCard} from '../../source/core/collection/cards.js';
import {UNDO_LIMIT, UndoLabel} from '../../source/core/collection/undo.js';
import {hasShared, noticeIfNoShared} from '../helpers/shared.js';
import {dumpRows, integrityWithUnicase, openReal, type RealCollection} from '../notes/helpers.js';
import {closeSharedCopies} from './helpers.js';

noticeIfNoShared();

let opened: RealCollection | null = null;
afterEach(() => {
	opened?.close();
	opened = null;
	closeSharedCopies();
});

const NOW = 1_800_000_000_000;

describe.skipIf(!hasShared).each([11, 18] as const)('undo on a real schema %i collection', schema => {
	it('restores every table byte for byte after an operation that writes everywhere', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const before = dumpRows(col.db);
		const nid = col.db.prepare('SELECT id FROM notes ORDER BY id LIMIT 1').pluck().get() as number;
		const [card] = cardsOfNote(col.db, nid);
		const deck = col.adapter.decks()[0]!;
		col.undo.run(
			UndoLabel.UpdateNote,
			() => {
				col.db.prepare("UPDATE notes SET flds = 'changed\u001fback', sfld = 'changed', mod = 1, usn = -1 WHERE id = ?").run(nid);
				updateCard(col.db, {...card!, due: 99_999, queue: -1, mod: 1, usn: -1});
				col.db.prepare("INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (1, ?, 1, 9, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}')").run(nid);
				col.db.prepare('INSERT INTO graves (oid, type, usn) VALUES (42, 0, -1)').run();
				col.adapter.setConfig('nextPos', 123456, 1);
				col.adapter.setConfig('aNewKey', {x: [1, 2]}, 1);
				col.adapter.registerTags(['BrandNewTag', 'parent::child']);
				col.adapter.updateDeck({...deck, description: 'changed'}, 1);
				const other = col.db.prepare('SELECT id FROM notes ORDER BY id DESC LIMIT 1').pluck().get() as number;
				col.db.prepare('DELETE FROM cards WHERE nid = ?').run(other);
				col.db.prepare('DELETE FROM notes WHERE id = ?').run(other);
			},
			{nowMs: NOW},
		);
		expect(col.info().mod).toBe(NOW);
		expect(dumpRows(col.db)).not.toEqual(before);
		expect(col.undo.peek()).toBe('Update Note');

		const undone = col.undo.undo();
		expect(undone?.label).toBe('Update Note');
		expect(dumpRows(col.db)).toEqual(before);
		expect(col.undo.peek()).toBeNull();
		opened.col.close();
		expect(integrityWithUnicase(opened.file)).toBe('ok');
	});

	it('undoes the latest operation first, one step at a time', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const cid = col.db.prepare('SELECT id FROM cards ORDER BY id LIMIT 1').pluck().get() as number;
		const states: Array<Record<string, string[]>> = [dumpRows(col.db)];
		for (const [label, due] of [[UndoLabel.Bury, 70_001], [UndoLabel.Suspend, 70_002], [UndoLabel.SetFlag, 70_003]] as const) {
			col.undo.run(label, () => updateCard(col.db, {...getCard(col.db, cid)!, due, usn: -1}), {nowMs: NOW + due});
			states.push(dumpRows(col.db));
		}
		expect(col.undo.peek()).toBe('Set Flag');
		states.pop();
		expect(col.undo.undo()?.label).toBe('Set Flag');
		expect(dumpRows(col.db)).toEqual(states.pop());
		expect(col.undo.undo()?.label).toBe('Suspend');
		expect(dumpRows(col.db)).toEqual(states.pop());
		expect(col.undo.undo()?.label).toBe('Bury');
		expect(dumpRows(col.db)).toEqual(states.pop());
		expect(col.undo.undo()).toBeNull();
	});

	it('an operation that changes nothing leaves no step and does not touch col.mod', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const mod = col.info().mod;
		col.undo.run(UndoLabel.UpdateNote, () => col.db.prepare('UPDATE notes SET usn = usn WHERE id = 0').run(), {nowMs: NOW});
		expect(col.undo.peek()).toBeNull();
		expect(col.info().mod).toBe(mod);
	});

	it('a failed operation writes nothing and leaves no step', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		const before = dumpRows(col.db);
		expect(() =>
			col.undo.run(UndoLabel.UpdateNote, () => {
				col.db.prepare("UPDATE notes SET tags = ' x '").run();
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(col.undo.peek()).toBeNull();
		expect(dumpRows(col.db)).toEqual(before);
	});

	it('a plain transaction clears the queue, as a non-undoable Anki write does', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		col.undo.run(UndoLabel.UpdateTag, () => col.db.prepare("UPDATE notes SET tags = ' x ' WHERE id = (SELECT min(id) FROM notes)").run());
		expect(col.undo.peek()).toBe('Update Tag');
		col.transaction(() => col.touch(NOW));
		expect(col.undo.peek()).toBeNull();
	});

	it('refuses to undo when the collection changed behind the queue', async () => {
		opened = await openReal(schema);
		const {col} = opened;
		col.undo.run(UndoLabel.UpdateTag, () => col.db.prepare("UPDATE notes SET tags = ' x ' WHERE id = (SELECT min(id) FROM notes)").run(), {nowMs: NOW});
		col.db.prepare('UPDATE col SET mod = ?').run(NOW + 5);
		expect(col.undo.undo()).toBeNull();
		expect(col.db.prepare('SELECT count(*) FROM notes WHERE tags = \' x \'').pluck().get()).toBe(1);
	});
});

describe.skipIf(!hasShared)('undo queue limits', () => {
	it(`keeps the latest ${UNDO_LIMIT} steps`, async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT id FROM notes ORDER BY id LIMIT 1').pluck().get() as number;
		for (let i = 0; i < UNDO_LIMIT + 5; i++) {
			col.undo.run(`Step ${i}`, () => col.db.prepare('UPDATE notes SET mod = ? WHERE id = ?').run(i, nid), {nowMs: NOW + i});
		}
		let count = 0;
		let last = '';
		while (col.undo.peek()) {
			last = col.undo.undo()!.label;
			count++;
		}
		expect(count).toBe(UNDO_LIMIT);
		expect(last).toBe('Step 5');
		expect(col.db.prepare('SELECT mod FROM notes WHERE id = ?').pluck().get(nid)).toBe(4);
	});

	it('does not write a single trigger or table into the file', async () => {
		opened = await openReal(18);
		const {col} = opened;
		const schema = () => col.db.prepare('SELECT type, name, sql FROM main.sqlite_schema ORDER BY name').all();
		const before = schema();
		col.undo.run(UndoLabel.UpdateTag, () => col.db.prepare("UPDATE notes SET tags = ' y '").run());
		expect(schema()).toEqual(before);
	});
});
