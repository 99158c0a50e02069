// End to end: the card browser of the built CLI in tmux at 80x24 on a copy of the demo collection:
// opened with b, a search typed key by key, rows selected and suspended, a deck changed, the
// collection checked with SQLite afterwards, and the program left with q. Then a row's note edited
// in a scripted $EDITOR (the row drawn again) and another note deleted after its confirmation.
import path from 'node:path';
import Database from 'better-sqlite3';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildCli, demoCollectionBox, editorScript, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

/** q back to the deck list, q again to quit; the exit code. */
async function quitFromBrowser(tmux: TmuxSession): Promise<number> {
	tmux.keys('q');
	await tmux.waitForText(/New\s+Learn\s+Due/);
	tmux.keys('q');
	return tmux.exitCode();
}

describe.skipIf(!hasTmux)('browser in tmux (demo collection)', () => {
	beforeAll(() => buildCli(), 120_000);

	it('searches as you type, suspends selected cards, moves one to another deck, and leaves with q', async () => {
		const box = demoCollectionBox();
		const {file} = box;
		const tmux = new TmuxSession(path.join(box.dir, 'exit-code'));
		try {
			tmux.start(['--collection', file], terminalEnv(box.home));
			await tmux.waitForText(/New\s+Learn\s+Due/);
			let screen = await tmux.pressFor('b', 'Search: deck:current');
			expect(screen).toMatch(/Sort Field ▲\s+Card Type\s+Due\s+Deck/);
			expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
			await tmux.pressFor('/', 'Enter done');
			await tmux.pressFor('C-u', /Browse\s+28 cards/);
			tmux.literal('tag:geography');
			// Until the whole search is typed, the screen shows earlier results (28 cards, then 0).
			screen = await tmux.waitForText(/Browse\s+5 cards\b/);
			expect(screen).toContain('Capital of Australia');
			expect(screen).not.toContain('la mariposa');
			await tmux.pressFor('Enter', 'Space select');
			await tmux.pressFor('Space', '1 selected');
			await tmux.pressFor('Space', '2 selected');
			screen = await tmux.pressFor('@', 'cards suspended.');
			await tmux.pressFor('Escape', /New\s+Learn\s+Due/);
			await tmux.pressFor('/', 'Search: deck:current');
			expect(tmux.screen()).toMatch(/\(New #\d+\)|\(\d{4}-\d\d-\d\d\)/);
			await tmux.pressFor('/', 'Enter done');
			await tmux.pressFor('C-u', /Browse\s+28 cards/);
			tmux.literal('"la mariposa" card:1');
			await tmux.waitForText(/Browse\s+1 card\b/);
			tmux.keys('Enter');
			await tmux.pressFor('m', 'Decks (');
			tmux.literal('progr');
			await tmux.waitForText('Decks (1)');
			await tmux.pressFor('Enter', 'moved to');
			expect(await quitFromBrowser(tmux)).toBe(0);
		} finally {
			tmux.kill();
		}
		const db = new Database(file, {readonly: true});
		try {
			const geography = db.prepare("SELECT c.queue FROM cards c JOIN notes n ON n.id = c.nid WHERE n.tags LIKE '% geography %' ORDER BY n.sfld, c.ord").pluck().all() as number[];
			expect(geography.filter((queue) => queue === -1)).toHaveLength(2);
			const moved = db.prepare("SELECT d.did FROM cards d JOIN notes n ON n.id = d.nid WHERE n.sfld = 'la mariposa' AND d.ord = 0").pluck().get() as number;
			const decks = JSON.parse(db.prepare('SELECT decks FROM col').pluck().get() as string) as Record<string, {name: string}>;
			expect(decks[String(moved)]!.name).toBe('anki-tui demo::Programming');
			expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
		} finally {
			db.close();
			box.cleanup();
		}
	});

	it("Enter edits the row's note in $EDITOR and the row is drawn again; x deletes a note after saying how many cards go", async () => {
		const box = demoCollectionBox();
		const {home, file} = box;
		// Appends a mark to the line after the first section heading: the first field.
		const editor = editorScript(box.dir, `awk 'BEGIN{s=0} s==0 && /^## /{print; getline; print $0 " EDITED BY SCRIPT"; s=1; next} {print}' "$1" > "$1.new" && mv "$1.new" "$1"`);
		const tmux = new TmuxSession(path.join(box.dir, 'exit-code'));
		try {
			tmux.start(['--collection', file], {...terminalEnv(home), EDITOR: editor});
			await tmux.waitForText(/New\s+Learn\s+Due/);
			await tmux.pressFor('b', 'Search: deck:current');
			await tmux.pressFor('/', 'Enter done');
			await tmux.pressFor('C-u', /Browse\s+28 cards/);
			tmux.literal('"la mariposa" card:1');
			await tmux.waitForText(/Browse\s+1 card\b/);
			await tmux.pressFor('Enter', 'Space select');
			let screen = await tmux.pressFor('Enter', 'Note updated.');
			expect(screen).toMatch(/› ?la mariposa EDITED BY SCRIPT/);
			// Keys reach the browser after the editor had the terminal.
			await tmux.pressFor('/', 'Enter done');
			await tmux.pressFor('C-u', /Browse\s+28 cards/);
			tmux.literal('tag:physics');
			await tmux.waitForText(/Browse\s+3 cards\b/);
			await tmux.pressFor('Enter', 'Space select');
			await tmux.pressFor('Tab', /Browse\s+2 notes\b/);
			await tmux.pressFor('G', /›.*Water boils/);
			screen = await tmux.pressFor('x', 'Delete 1 note and 1 card? (y/n)');
			screen = await tmux.pressFor('y', '1 note and 1 card deleted.');
			expect(screen).toMatch(/Browse\s+1 note\b/);
			expect(await quitFromBrowser(tmux)).toBe(0);
		} finally {
			tmux.kill();
		}
		const db = new Database(file, {readonly: true});
		try {
			expect(db.prepare("SELECT sfld, usn FROM notes WHERE sfld LIKE 'la mariposa%'").all()).toEqual([{sfld: 'la mariposa EDITED BY SCRIPT', usn: -1}]);
			expect(db.prepare("SELECT count(*) FROM notes WHERE sfld LIKE 'Water boils%'").pluck().get()).toBe(0);
			expect(db.prepare('SELECT type, usn FROM graves ORDER BY type').all()).toEqual([{type: 0, usn: -1}, {type: 1, usn: -1}]);
			expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
		} finally {
			db.close();
			box.cleanup();
		}
	}, 120_000);
});
