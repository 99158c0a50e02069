// `anki-tui edit` and `anki-tui add` as a user runs them: with a scripted $EDITOR (a small shell
// script that edits the file it is given), from flags, and every bad input refused in one line with
// the collection untouched.
import {spawnSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {sha1} from '../collection/helpers.js';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile, tempDir} from '../helpers/shared.js';
import {integrityWithUnicase} from '../notes/helpers.js';
import {canDropToNobody, nobodyUnavailable} from '../helpers/nobody.js';
import {runCli} from './run-cli.js';

noticeIfNoShared();

const canDropPrivileges = canDropToNobody;
if (nobodyUnavailable) console.warn(`NOTICE: tests run as root and ${nobodyUnavailable}; the read-only collection cases are skipped.`);

let cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A private copy of the real schema-18 collection, and a folder for editor scripts. */
function collection(): {file: string; dir: string} {
	const temp = tempDir();
	cleanups.push(temp.cleanup);
	const file = path.join(temp.dir, 'collection.anki2');
	copyFileSync(sharedFile('schema18-two-decks.anki2'), file);
	return {file, dir: temp.dir};
}

function editorScript(dir: string, name: string, body: string): string {
	const script = path.join(dir, name);
	writeFileSync(script, `#!/bin/sh\n${body}\n`);
	chmodSync(script, 0o755);
	return script;
}

function query<T>(file: string, sql: string, ...params: unknown[]): T {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare(sql).get(...params) as T;
	} finally {
		db.close();
	}
}

function firstNote(file: string): {id: number; flds: string} {
	return query(file, 'SELECT id, flds FROM notes ORDER BY id LIMIT 1');
}

function expectRefused(args: string[], file: string, pattern: RegExp, status: number, env: Record<string, string> = {}): void {
	const before = sha1(file);
	const result = runCli(args, env);
	expect(result.status, result.stderr).toBe(status);
	const lines = result.stderr.trimEnd().split('\n');
	expect(lines, result.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(sha1(file), 'the collection is untouched').toBe(before);
}

describe.skipIf(!hasShared)('anki-tui edit', () => {
	it('opens $EDITOR on the note and writes what the script changed', () => {
		const {file, dir} = collection();
		const note = firstNote(file);
		const back = note.flds.split('\u001f')[1]!;
		// The script replaces the Back field's line and adds a tag, as a user would in an editor.
		const editor = editorScript(dir, 'edit.sh', `sed -i -e 's/^${back}$/edited <i>back<\\/i>/' -e '/^## Tags$/{n;s/^.*$/from-the-editor/}' "$1"`);
		const result = runCli(['edit', String(note.id), '--collection', file], {EDITOR: editor});
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(`Updated note ${note.id}.\n`);
		expect(result.status).toBe(0);
		const row = query<{flds: string; tags: string; usn: number}>(file, 'SELECT flds, tags, usn FROM notes WHERE id = ?', note.id);
		expect(row).toEqual({flds: `${note.flds.split('\u001f')[0]}\u001fedited <i>back</i>`, tags: ' from-the-editor ', usn: -1});
		expect(integrityWithUnicase(file)).toBe('ok');
	});

	it('$VISUAL wins over $EDITOR; an emptied document or a failing editor writes nothing', () => {
		const {file, dir} = collection();
		const note = firstNote(file);
		const emptying = editorScript(dir, 'empty.sh', ': > "$1"');
		expectRefused(['edit', String(note.id), '--collection', file], file, /document was emptied; nothing was written/, 1, {
			VISUAL: emptying,
			EDITOR: editorScript(dir, 'never.sh', 'exit 3'),
		});
		expectRefused(['edit', String(note.id), '--collection', file], file, /exited with status 7; nothing was written/, 1, {
			EDITOR: editorScript(dir, 'fail.sh', 'sed -i s/a/b/ "$1"; exit 7'),
		});
	});

	it('edits from flags for scripts', () => {
		const {file} = collection();
		const note = firstNote(file);
		const result = runCli(['edit', String(note.id), '--collection', file, '--field', 'Back=<b>new</b>', '--tags', 'x y']);
		expect(result.stdout).toBe(`Updated note ${note.id}.\n`);
		expect(query(file, 'SELECT flds, tags FROM notes WHERE id = ?', note.id)).toEqual({
			flds: `${note.flds.split('\u001f')[0]}\u001f<b>new</b>`,
			tags: ' x y ',
		});
		expect(runCli(['edit', String(note.id), '--collection', file, '--field', 'Back=<b>new</b>']).stdout).toBe(`Note ${note.id} unchanged.\n`);
	});

	it('refuses bad input in one line and writes nothing', () => {
		const {file} = collection();
		const note = firstNote(file);
		expectRefused(['edit', '999', '--collection', file, '--field', 'Back=x'], file, /^anki-tui: no note with id 999/, 64);
		expectRefused(['edit', 'abc', '--collection', file], file, /"abc" is not a note id/, 64);
		expectRefused(['edit', String(note.id), '--collection', file, '--field', 'Nope=x'], file, /has no field "Nope". Fields: Front, Back/, 64);
		expectRefused(['edit', String(note.id), '--collection', file, '--field', 'Back'], file, /--field needs NAME=VALUE/, 64);
	});

	it('refuses a collection another program holds', () => {
		const {file} = collection();
		const note = firstNote(file);
		expectLockedRefused(['edit', String(note.id), '--collection', file, '--field', 'Back=x'], file);
	});

	// Root may write anywhere: the read-only case runs the CLI as `nobody` (as read-only-file.test.ts).
	it.skipIf(!canDropPrivileges)('refuses a read-only collection', () => {
		const {file, dir} = collection();
		expectReadOnlyRefused(['edit', String(firstNote(file).id), '--collection', file, '--field', 'Back=x'], file, dir);
	});
});

/**
 * Runs the CLI while this process holds the collection as Anki does: one line, exit 3, and the
 * holder sees the same rows after. (Hashing the file here would drop the holder's lock: closing any
 * descriptor of a file releases the process's POSIX locks on it.)
 */
function expectLockedRefused(args: string[], file: string): void {
	const held = openCollection(file);
	try {
		const rows = () => JSON.stringify([held.db.prepare('SELECT * FROM notes ORDER BY id').all(), held.db.prepare('SELECT count(*), max(mod) FROM cards').get(), held.db.prepare('SELECT mod FROM col').get()]);
		const before = rows();
		const result = runCli(args);
		expect(result.status, result.stderr).toBe(3);
		expect(result.stderr).toMatch(/^anki-tui: [^\n]*is open in another program[^\n]*\n$/);
		expect(rows()).toBe(before);
	} finally {
		held.close();
	}
}

/** Runs the CLI as `nobody` on a collection it may read but not write: one line, exit 2, nothing written. */
function expectReadOnlyRefused(args: string[], file: string, dir: string): void {
	chmodSync(dir, 0o755);
	chmodSync(file, 0o444);
	const before = sha1(file);
	const result = spawnSync('/usr/sbin/runuser', ['-u', 'nobody', '--', process.execPath, path.join(projectRoot, 'bin', 'anki-tui.js'), ...args], {
		encoding: 'utf8',
		env: {PATH: process.env['PATH'] ?? '', HOME: dir},
	});
	expect(result.status, result.stderr).toBe(2);
	expect(result.stderr).toMatch(/^anki-tui: .*collection\.anki2 is read-only \(file or folder permissions\)[^\n]*\n$/);
	expect(sha1(file)).toBe(before);
}

describe.skipIf(!hasShared)('anki-tui add', () => {
	it('adds from flags into the named deck, and remembers the notetype and deck', () => {
		const {file} = collection();
		const result = runCli(['add', '--collection', file, '--deck', 'DECKA', '--notetype', 'basic (and reversed card)', '--field', 'Front=bonjour', '--field', 'Back=hello', '--tags', 'fr']);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Added note \d+; cards \d+, \d+ in "decka"\.\n$/);
		const id = Number(/note (\d+)/.exec(result.stdout)![1]);
		expect(query(file, 'SELECT flds, tags FROM notes WHERE id = ?', id)).toEqual({flds: 'bonjour\u001fhello', tags: ' fr '});
		// Picking a deck picks the notetype last used with it (Anki's _deck_<id>_lastNotetype), and
		// with no deck the current deck is used (addToCur), as Anki's Add window does.
		const cardsIn = (args: string[]) => /cards ([\d, ]+) in "(\w+)"/.exec(runCli(['add', '--collection', file, ...args]).stdout)!;
		const deckb = cardsIn(['--deck', 'deckb', '--field', 'Front=deux']);
		expect([deckb[1]!.split(', ').length, deckb[2]]).toEqual([1, 'deckb']);
		const decka = cardsIn(['--deck', 'decka', '--field', 'Front=trois', '--field', 'Back=three']);
		expect([decka[1]!.split(', ').length, decka[2]]).toEqual([2, 'decka']);
		const current = cardsIn(['--notetype', 'Basic', '--field', 'Front=quatre']);
		expect([current[1]!.split(', ').length, current[2]]).toEqual([1, 'decka']);
	});

	it('opens the editor on the notetype fields when no field is given', () => {
		const {file, dir} = collection();
		const editor = editorScript(dir, 'add.sh', `sed -i -e '/^## Front$/{n;s/^$/un/}' -e '/^## Back$/{n;s/^$/one/}' "$1"`);
		const result = runCli(['add', '--collection', file, '--notetype', 'Basic'], {EDITOR: editor});
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Added note \d+; cards \d+ in "decka"\.\n$/);
		const id = Number(/note (\d+)/.exec(result.stdout)![1]);
		expect(query(file, 'SELECT flds FROM notes WHERE id = ?', id)).toEqual({flds: 'un\u001fone'});
	});

	it("refuses an empty first field with Anki's message and warns about a duplicate", () => {
		const {file} = collection();
		expectRefused(['add', '--collection', file, '--notetype', 'Basic', '--field', 'Back=x'], file, /^anki-tui: The first field is empty\.$/, 64);
		expectRefused(['add', '--collection', file, '--notetype', 'Cloze', '--field', 'Text=plain'], file, /have not made any cloze deletions/, 64);
		const front = firstNote(file).flds.split('\u001f')[0]!;
		const result = runCli(['add', '--collection', file, '--notetype', 'Basic', '--field', `Front=${front}`]);
		expect(result.status).toBe(0);
		expect(result.stderr).toMatch(/^anki-tui: warning: the first field is a duplicate of note \d+/);
	});

	it('refuses an unknown notetype, deck or field', () => {
		const {file} = collection();
		expectRefused(['add', '--collection', file, '--notetype', 'Nope', '--field', 'Front=x'], file, /no notetype named "Nope"/, 64);
		expectRefused(['add', '--collection', file, '--deck', 'Nope', '--field', 'Front=x'], file, /no deck named "Nope"/, 64);
		expectRefused(['add', '--collection', file, '--notetype', 'Basic', '--field', 'Side=x'], file, /has no field "Side"/, 64);
	});

	it('refuses a filtered deck, a collection another program holds, and a read-only one', () => {
		const {file, dir} = collection();
		const filtered = runCli(['filtered', 'create', 'Cram', '--collection', file, '--search', 'deck:*']);
		expect(filtered.status, filtered.stderr).toBe(0);
		expectRefused(['add', '--collection', file, '--deck', 'Cram', '--field', 'Front=x'], file, /"Cram" is a filtered deck: cards can't be manually moved into a filtered deck\./, 64);
		expectLockedRefused(['add', '--collection', file, '--field', 'Front=x'], file);
		if (canDropPrivileges) expectReadOnlyRefused(['add', '--collection', file, '--field', 'Front=x'], file, dir);
	});
});
