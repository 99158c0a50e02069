// End to end: `e` in the reviewer of the built CLI in tmux, with $EDITOR a small shell script that
// edits the file it is given. The script sees a terminal in normal (not raw) mode, the reviewer
// draws the edited card afterwards, `u` undoes the edit, and the collection holds what Anki writes.
// A late reply to the graphics probe arriving as bytes on stdin is not typing.
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildCli, demoCollectionBox, editorScript, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

function notes(file: string): Array<{id: number; flds: string; usn: number}> {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT id, flds, usn FROM notes ORDER BY id').all() as Array<{id: number; flds: string; usn: number}>;
	} finally {
		db.close();
	}
}

describe.skipIf(!hasTmux)('editing a note from the reviewer in tmux', () => {
	beforeAll(() => buildCli(), 120_000);

	it('e opens $EDITOR on the card, the card is drawn again edited, u undoes it', async () => {
		const box = demoCollectionBox();
		const {home, file} = box;
		const marker = path.join(box.dir, 'editor-saw');
		// What the editor got: a terminal, in canonical (cooked) mode; then it edits the first field.
		const editor = editorScript(
			box.dir,
			`[ -t 0 ] && [ -t 1 ] && echo terminal >> "${marker}"
stty -a < /dev/tty | grep -q -- ' icanon' && echo cooked >> "${marker}"
awk 'BEGIN{s=0} s==0 && /^## /{print; getline; print $0 " EDITED BY SCRIPT"; s=1; next} {print}' "$1" > "$1.new" && mv "$1.new" "$1"`,
		);
		const before = notes(file);
		const tmux = new TmuxSession(path.join(box.dir, 'exit-code'));
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo::Basics'], {...terminalEnv(home), EDITOR: editor});
			let screen = await tmux.waitForText('show answer');
			expect(screen).not.toContain('EDITED BY SCRIPT');
			screen = await tmux.pressFor('e', 'Note updated.');
			expect(screen).toContain('EDITED BY SCRIPT');
			expect(screen).toContain('show answer');
			expect(readFileSync(marker, 'utf8').split('\n').filter(Boolean)).toEqual(['terminal', 'cooked']);
			// Keys still reach the reviewer after the editor had the terminal.
			screen = await tmux.pressFor('Space', /1 Again/);
			expect(screen).toContain('EDITED BY SCRIPT');
			screen = await tmux.pressFor('u', 'Update Note undone.');
			expect(screen).not.toContain('EDITED BY SCRIPT');
			// Edited again: had the undo not restored the field, it would now carry the mark twice.
			screen = await tmux.pressFor('e', 'Note updated.');
			expect(screen.match(/EDITED BY SCRIPT/g)).toHaveLength(1);
			await tmux.pressFor('q', 'Cards studied');
			await tmux.press('q');
			expect(await tmux.exitCode()).toBe(0);
			// The collection is read once the program has closed it (it holds it exclusively, as Anki does).
			const after = notes(file);
			const changed = after.filter((note, i) => note.flds !== before[i]!.flds || note.usn !== before[i]!.usn);
			expect(changed).toHaveLength(1);
			expect(changed[0]!.flds.match(/EDITED BY SCRIPT/g)).toHaveLength(1);
			expect(changed[0]!.usn).toBe(-1);
		} finally {
			tmux.kill();
			box.cleanup();
		}
	}, 120_000);

	it("a late XTVERSION reply from the terminal (tmux's ends in `a`) opens no editor; a real `a` does", async () => {
		const box = demoCollectionBox();
		const {home, file} = box;
		const marker = path.join(box.dir, 'editor-ran');
		const editor = editorScript(
			box.dir,
			`echo ran >> "${marker}"
sed -i -e '/^## Front$/{n;s/^$/late front/}' -e '/^## Back$/{n;s/^$/late back/}' "$1"`,
		);
		const tmux = new TmuxSession(path.join(box.dir, 'exit-code'));
		try {
			tmux.start(['review', file], {...terminalEnv(home), EDITOR: editor});
			const shown = await tmux.waitForText('anki-tui demo');
			// The bytes of "ESC P >|tmux 3.3a ESC \\" reach the program as a terminal's reply would.
			const reply = Buffer.from('\u001BP>|tmux 3.3a\u001B\\').toString('hex').match(/../g)!;
			tmux.keys('-H', ...reply);
			await new Promise((r) => setTimeout(r, 800));
			expect(tmux.screen()).toBe(shown);
			expect(existsSync(marker)).toBe(false);
			await tmux.pressFor('a', /Note added to "anki-tui demo"/);
			expect(readFileSync(marker, 'utf8')).toBe('ran\n');
			await tmux.press('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
			box.cleanup();
		}
	}, 120_000);
});
