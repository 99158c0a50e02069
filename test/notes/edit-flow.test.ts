// Editing and adding through the editor document on a real collection, with the editor played by a
// function: untouched fields stay byte for byte, unreadable documents come back with the problem on
// top, cancelling writes nothing, and the Add window's checks apply.
import {afterEach, describe, expect, it} from 'vitest';
import {startEdit} from '../../source/core/notes/edit-flow.js';
import {editWithExternalEditor, type EditorResult} from '../../source/core/notes/external-editor.js';
import {closeSharedCopies} from '../collection/helpers.js';
import {hasShared, noticeIfNoShared} from '../helpers/shared.js';
import {dumpRows, openReal, type RealCollection} from './helpers.js';

noticeIfNoShared();

const NOW = 1_950_000_000_000;
let opened: RealCollection | null = null;
afterEach(() => {
	opened?.close();
	opened = null;
	closeSharedCopies();
});

/** An editor that applies each step to the text it is given, and records what it saw. */
function scriptedEditor(...steps: Array<(text: string) => string | null>) {
	const seen: string[] = [];
	const run = (text: string): EditorResult => {
		seen.push(text);
		const step = steps.shift();
		if (!step) throw new Error('the editor was opened more often than expected');
		const out = step(text);
		return out === null ? {kind: 'failed', status: 1, editor: 'scripted'} : {kind: 'saved', text: out};
	};
	return {run, seen};
}

describe.skipIf(!hasShared)('editing through the editor document (schema 18)', () => {
	it('writes the field the user changed and keeps the others byte for byte', async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		// Everything a document could mangle: newlines, trailing blanks, header- and comment-like lines.
		const kept = 'keep\nthis  \n&nbsp;<br>\n## Back\n# not a comment\n';
		col.db.prepare('UPDATE notes SET flds = ? WHERE id = ?').run(`${kept}\u001fold back`, nid);
		const editor = scriptedEditor(text => text.replace('\nold back\n', '\nnew <b>back</b>\n'));
		const run = editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: editor.run, nowMs: () => NOW});
		expect(run).toMatchObject({kind: 'saved', label: 'Update Note', noteId: nid});
		expect(col.db.prepare('SELECT flds FROM notes WHERE id = ?').pluck().get(nid)).toBe(`${kept}\u001fnew <b>back</b>`);
		expect(col.undo.peek()).toBe('Update Note');
	});

	it("normalizes every field on save, as Anki's update does (NFC, no control characters)", async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		col.db.prepare('UPDATE notes SET flds = ? WHERE id = ?').run('a\r\nb\u0001 e\u0301\u001fold back', nid);
		const editor = scriptedEditor(text => text.replace('\nold back\n', '\nnew back\n'));
		editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: editor.run, nowMs: () => NOW});
		expect(col.db.prepare('SELECT flds FROM notes WHERE id = ?').pluck().get(nid)).toBe('a\nb \u00e9\u001fnew back');
	});

	it('saving the document unchanged writes nothing', async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const before = dumpRows(col.db);
		const run = editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: scriptedEditor(text => text).run});
		expect(run).toEqual({kind: 'unchanged'});
		expect(dumpRows(col.db)).toEqual(before);
	});

	it('an unreadable document reopens with the problem on top of what the user wrote', async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const editor = scriptedEditor(
			text => text.replace('## Back\n', '').replace('## Tags\n', '## Tags\nfixed-later '),
			text => text.replace('## Tags\n', '## Back\nrestored\n## Tags\n'),
		);
		const run = editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: editor.run, nowMs: () => NOW});
		expect(editor.seen[1]!.startsWith('# ERROR: the "## Back" line is missing')).toBe(true);
		expect(editor.seen[1]).toContain('fixed-later');
		expect(run).toMatchObject({kind: 'saved'});
		const row = col.db.prepare('SELECT flds, tags FROM notes WHERE id = ?').get(nid) as {flds: string; tags: string};
		expect(row.flds.split('\u001f')[1]).toBe('restored');
		expect(row.tags).toContain('fixed-later');
	});

	it('an emptied document or a failing editor changes nothing', async () => {
		opened = await openReal(18);
		const {col} = opened;
		const nid = col.db.prepare('SELECT min(id) FROM notes').pluck().get() as number;
		const before = dumpRows(col.db);
		expect(editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: scriptedEditor(() => '').run})).toEqual({kind: 'cancelled'});
		const failing = scriptedEditor(() => null);
		expect(editWithExternalEditor(startEdit(col, {kind: 'note', noteId: nid}), {run: failing.run})).toMatchObject({kind: 'editor-failed'});
		expect(dumpRows(col.db)).toEqual(before);
		expect(col.undo.peek()).toBeNull();
	});

	it("shows a card's deck and does not move cards", async () => {
		opened = await openReal(18);
		const {col} = opened;
		const card = col.db.prepare('SELECT id, nid, did FROM cards ORDER BY id LIMIT 1').get() as {id: number; nid: number; did: number};
		const deck = col.adapter.decks().find(d => d.id === card.did)!;
		const editor = scriptedEditor(
			text => {
				expect(text).toContain(`## Deck\n${deck.name}\n`);
				return text.replace(`## Deck\n${deck.name}`, '## Deck\nSomewhere else');
			},
			text => text.replace('## Deck\nSomewhere else', `## Deck\n${deck.name}`).replace('## Tags\n', '## Tags\nok'),
		);
		const run = editWithExternalEditor(startEdit(col, {kind: 'note', noteId: card.nid, cardId: card.id}), {run: editor.run});
		expect(editor.seen[1]).toContain('# ERROR: this editor does not move cards');
		expect(run).toMatchObject({kind: 'saved'});
		expect(col.db.prepare('SELECT did FROM cards WHERE id = ?').pluck().get(card.id)).toBe(card.did);
	});
});

describe.skipIf(!hasShared)('adding through the editor document (schema 11)', () => {
	it("refuses an empty first field with Anki's message, then adds to the deck the document names", async () => {
		opened = await openReal(11);
		const {col} = opened;
		const basic = col.adapter.notetypes().find(n => n.name === 'Basic')!;
		const deck = col.adapter.decks().find(d => d.id !== 1)!;
		const editor = scriptedEditor(
			text => text.replace('## Back\n', '## Back\nonly the back'),
			text => text.replace('## Front\n', '## Front\nthe front').replace('## Deck\nDefault', `## Deck\n${deck.name.toUpperCase()}`),
		);
		const run = editWithExternalEditor(startEdit(col, {kind: 'add', notetypeId: basic.id, deckId: 1}), {run: editor.run, nowMs: () => NOW});
		expect(editor.seen[1]!.startsWith('# ERROR: The first field is empty.\n')).toBe(true);
		expect(run).toMatchObject({kind: 'saved', label: 'Add Note', noteId: NOW});
		expect(col.db.prepare('SELECT flds FROM notes WHERE id = ?').pluck().get(NOW)).toBe('the front\u001fonly the back');
		expect(col.db.prepare('SELECT did FROM cards WHERE nid = ?').pluck().get(NOW)).toBe(deck.id);
	});

	it('asks before adding a cloze note without clozes; saving again unchanged adds it', async () => {
		opened = await openReal(11);
		const {col} = opened;
		const cloze = col.adapter.notetypes().find(n => n.kind === 'cloze')!;
		const editor = scriptedEditor(
			text => text.replace('## Text\n', '## Text\nno clozes here'),
			text => text,
		);
		const run = editWithExternalEditor(startEdit(col, {kind: 'add', notetypeId: cloze.id, deckId: 1}), {run: editor.run, nowMs: () => NOW});
		expect(editor.seen[1]).toContain('# ERROR: You have a cloze note type but have not made any cloze deletions. Save again');
		expect(run).toMatchObject({kind: 'saved', label: 'Add Note'});
		expect(col.db.prepare('SELECT ord FROM cards WHERE nid = ?').pluck().all(NOW)).toEqual([0]);
	});

	it('warns about a duplicate first field and adds the note anyway', async () => {
		opened = await openReal(11);
		const {col} = opened;
		const basic = col.adapter.notetypes().find(n => n.name === 'Basic')!;
		const existing = col.db.prepare('SELECT id, flds FROM notes WHERE mid = ? ORDER BY id LIMIT 1').get(basic.id) as {id: number; flds: string};
		const front = existing.flds.split('\u001f')[0]!;
		const editor = scriptedEditor(text => text.replace('## Front\n', `## Front\n${front}`));
		const run = editWithExternalEditor(
			startEdit(col, {kind: 'add', notetypeId: basic.id, deckId: 1, fields: [undefined, 'prefilled']}),
			{run: editor.run, nowMs: () => NOW},
		);
		expect(editor.seen[0]).toContain('## Back\nprefilled\n');
		expect(run).toMatchObject({kind: 'saved'});
		if (run.kind === 'saved') expect(run.warnings.join(' ')).toContain(`duplicate of note ${existing.id}`);
	});
});
