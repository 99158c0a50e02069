// End to end: the built CLI in tmux on real collections; keys pressed as a user would, then the
// collection checked with SQLite (revlog rows and card states).
import {readdirSync, copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyToTemp, hasShared, noticeIfNoShared, projectRoot, sharedFile, tempDir} from '../helpers/shared.js';
import {loadUnicase} from '../../source/core/collection/unicase.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();
const demoCollection = path.join(projectRoot, 'fixtures', 'schema11.anki2');

interface DbState {
	revlog: Array<{cid: number; ease: number; type: number}>;
	queues: Map<number, number>;
}

function readState(file: string): DbState {
	const db = new Database(file, {readonly: true});
	try {
		const revlog = db.prepare('SELECT cid, ease, type FROM revlog ORDER BY id').all() as DbState['revlog'];
		const queues = new Map((db.prepare('SELECT id, queue FROM cards').all() as Array<{id: number; queue: number}>).map((r) => [r.id, r.queue]));
		return {revlog, queues};
	} finally {
		db.close();
	}
}

/** A card's whole row and its review history, to compare before and after. */
function cardAndHistory(file: string, id: number): {card: unknown; revlog: unknown[]} {
	const db = new Database(file, {readonly: true});
	try {
		return {card: db.prepare('SELECT * FROM cards WHERE id = ?').get(id), revlog: db.prepare('SELECT * FROM revlog WHERE cid = ? ORDER BY id').all(id)};
	} finally {
		db.close();
	}
}

function newlyIn(before: DbState, after: DbState, queue: number): number[] {
	return [...after.queues].filter(([id, q]) => q === queue && before.queues.get(id) !== queue).map(([id]) => id);
}

function sandbox() {
	const t = tempDir('anki-tui-e2e-');
	const home = path.join(t.dir, 'home');
	mkdirSync(home);
	return {...t, env: terminalEnv(home), exitFile: path.join(t.dir, 'exit-code')};
}

describe.skipIf(!hasTmux)('review in tmux (demo collection)', () => {
	beforeAll(() => buildCli(), 120_000);

	it('reveals, grades, buries, suspends, undoes an answer and quits after the summary with code 0', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const pristine = path.join(box.dir, 'before.anki2');
		copyFileSync(demoCollection, pristine);
		const before = readState(file);
		const tmux = new TmuxSession(box.exitFile);
		let undoneId = 0;
		let undoneBefore: ReturnType<typeof cardAndHistory> | undefined;
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo::Basics'], box.env);
			let screen = await tmux.waitForText('show answer');
			expect(screen).toContain('anki-tui demo::Basics');
			// Enter reveals on every card, type-in ones included.
			for (const grade of ['1', '2', '3']) {
				screen = await tmux.press('Enter');
				expect(screen).toMatch(/1 Again .*2 Hard .*3 Good .*4 Easy/);
				screen = await tmux.press(grade);
				expect(screen).not.toContain('4 Easy');
			}
			// Shortcuts act on the answer side (a type-in question takes typed keys, as in Anki).
			await tmux.pressFor('Enter', '4 Easy');
			await tmux.pressFor('-', 'Card buried.');
			await tmux.pressFor('Enter', '4 Easy');
			await tmux.pressFor('@', 'Card suspended.');
			// The next card (not seen before in this session) is answered Easy, then the answer is undone.
			await tmux.pressFor('Enter', '4 Easy');
			const info = await tmux.pressFor('i', 'Card ID');
			undoneId = Number(/Card ID\s+(\d+)/.exec(info)![1]);
			undoneBefore = cardAndHistory(pristine, undoneId);
			await tmux.pressFor('i', '4 Easy');
			await tmux.pressFor('4', 'show answer');
			await tmux.pressFor('u', 'Answer Card undone.');
			// A session started straight into a deck leaves after its summary: q, then q (Esc on a type-in question).
			screen = await tmux.pressFor(/Type answer/.test(tmux.screen()) ? 'Escape' : 'q', 'Session summary');
			expect(screen).toMatch(/Cards studied:\s+3/);
			expect(screen).toMatch(/Again rate:\s+33%/);
			expect(await tmux.quitFromSummary()).toBe(0);
		} finally {
			tmux.kill();
		}
		const after = readState(file);
		// The collection was backed up once, before anything changed: the backup is the file exactly as
		// it was (no review of this session, and the fixture's buried card still buried, which the
		// day's first session unburies before the first answer).
		const backups = readdirSync(path.join(box.dir, 'backups'));
		expect(backups).toHaveLength(1);
		expect([...before.queues.values()]).toContain(-3);
		expect(readState(path.join(box.dir, 'backups', backups[0]!))).toEqual(before);
		expect(after.queues).not.toEqual(before.queues);
		const added = after.revlog.slice(before.revlog.length);
		// Four answers, the last one undone: three revlog rows, eases as pressed.
		expect(added.map((r) => r.ease)).toEqual([1, 2, 3]);
		// One card newly buried by the user (-3) and one newly suspended (-1). (The fixture's old
		// buried card comes back at the day's first session, as in Anki.)
		expect(newlyIn(before, after, -3)).toHaveLength(1);
		expect(newlyIn(before, after, -1)).toHaveLength(1);
		// The undone card is back as it was: every column of its row, and its history without the answer.
		expect(undoneBefore!.card).toBeDefined();
		expect(cardAndHistory(file, undoneId)).toEqual(undoneBefore);
		box.cleanup();
	});

	it('upgrades a collection still on the v1 scheduler before studying, after a backup, with a message', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const setup = new Database(file);
		const conf = JSON.parse(setup.prepare('SELECT conf FROM col').pluck().get() as string) as Record<string, unknown>;
		conf['schedVer'] = 1;
		delete conf['sched2021'];
		setup.prepare('UPDATE col SET conf = ?').run(JSON.stringify(conf));
		const scmBefore = setup.prepare('SELECT scm FROM col').pluck().get();
		setup.close();
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo::Basics'], box.env);
			await tmux.waitForText('show answer');
			await tmux.pressFor('q', 'Session summary');
			expect(await tmux.quitFromSummary()).toBe(0);
			// Back on the normal screen, the notice printed before the reviewer started is visible.
			expect(tmux.screen().replaceAll('\n', '')).toMatch(/v1 scheduler; upgraded to v2/);
		} finally {
			tmux.kill();
		}
		const after = new Database(file, {readonly: true});
		const confAfter = JSON.parse(after.prepare('SELECT conf FROM col').pluck().get() as string) as Record<string, unknown>;
		expect(confAfter['schedVer']).toBe(2);
		expect(after.prepare('SELECT scm FROM col').pluck().get()).not.toBe(scmBefore);
		after.close();
		expect(readdirSync(path.join(box.dir, 'backups'))).toHaveLength(1);
		box.cleanup();
	});

	it('a schema 18 collection with cards buried on an earlier day: the backup still has them buried', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema18.anki2'), file);
		const setup = new Database(file);
		loadUnicase(setup);
		const basics = setup.prepare("SELECT id FROM decks WHERE name = 'anki-tui demo' || char(31) || 'Basics'").pluck().get() as number;
		const buried = setup.prepare('SELECT id FROM cards WHERE did = ? AND queue = 0 ORDER BY id LIMIT 3').pluck().all(basics) as number[];
		setup.prepare(`UPDATE cards SET queue = -3 WHERE id IN (${buried.join(',')})`).run();
		// buried cards last returned on day 1: the next session is a new day's first
		setup.prepare("INSERT OR REPLACE INTO config (KEY, usn, mtime_secs, val) VALUES ('lastUnburied', 0, 0, CAST('1' AS BLOB))").run();
		setup.close();
		const before = readState(file);
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo::Basics'], box.env);
			await tmux.waitForText('show answer');
			await tmux.pressFor('Enter', '4 Easy');
			await tmux.press('3');
			await tmux.pressFor('q', /Cards studied:\s+1/);
			expect(await tmux.quitFromSummary()).toBe(0);
		} finally {
			tmux.kill();
		}
		const after = readState(file);
		expect(after.revlog).toHaveLength(before.revlog.length + 1);
		expect(buried.map((id) => after.queues.get(id))).toEqual([0, 0, 0]);
		const backups = readdirSync(path.join(box.dir, 'backups'));
		expect(backups).toHaveLength(1);
		const backup = readState(path.join(box.dir, 'backups', backups[0]!));
		expect(buried.map((id) => backup.queues.get(id))).toEqual([-3, -3, -3]);
		expect(backup).toEqual(before);
		box.cleanup();
	});

	it('a killed process keeps every answered card', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const before = readState(file);
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo::Cloze'], box.env);
			await tmux.waitForText('show answer');
			await tmux.press('Enter');
			await tmux.press('3');
			await tmux.press('Enter');
			await tmux.press('3');
		} finally {
			tmux.kill(); // SIGHUP to the CLI, no clean quit
		}
		await new Promise((r) => setTimeout(r, 300));
		const after = readState(file);
		expect(after.revlog.length).toBe(before.revlog.length + 2);
		box.cleanup();
	});

	it('opens the deck browser without --deck, moves with j/k and reflows on resize', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', file], box.env);
			let screen = await tmux.waitForText(/New\s+Learn\s+Due/);
			expect(screen).toContain('anki-tui demo');
			expect(screen).toContain('Total');
			// The demo deck is stored collapsed; expand it, then move to its first subdeck.
			screen = await tmux.press('l');
			expect(screen).toContain('Basics');
			screen = await tmux.press('j');
			expect(screen).toMatch(/›\s+Basics/);
			tmux.resize(60, 20);
			screen = await tmux.waitFor((s) => s.split('\n').every((l) => l.length <= 60) && /Due/.test(s), 'a 60-column frame');
			await tmux.press('?');
			await tmux.waitForText('Keys (any key closes)');
			await tmux.press('x');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
		box.cleanup();
	});

	it('with no arguments and no collection yet, shows the first-run screen; q quits with 0', async () => {
		const box = sandbox();
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start([], box.env);
			const screen = await tmux.waitForText('anki-tui import deck.apkg');
			expect(screen).toContain('anki-tui sync');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
		box.cleanup();
	});

	it('Ctrl+C leaves cleanly', async () => {
		const box = sandbox();
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo'], box.env);
			await tmux.waitForText('show answer');
			// Card info overlay, then back to the card.
			const info = await tmux.pressFor('i', 'Card ID');
			expect(info).toMatch(/Reviews\s+\d+/);
			tmux.keys('i');
			await tmux.waitFor((screen) => !screen.includes('Card ID'), 'the card again');
			// Ctrl+C right behind another key (one read for both) still quits.
			tmux.keys('j', 'C-c');
			expect(await tmux.exitCode()).toBe(0);
			// Back on the normal screen: the alternate screen was left.
			const screen = tmux.screen();
			expect(screen).not.toContain('show answer');
		} finally {
			tmux.kill();
		}
		box.cleanup();
	});
});

describe.skipIf(!hasTmux || !hasShared)('review in tmux (real Anki files)', () => {
	noticeIfNoShared();
	beforeAll(() => buildCli(), 120_000);
	let copy: ReturnType<typeof copyToTemp> | undefined;
	afterAll(() => copy?.cleanup());

	it('studies a schema 18 collection made by Anki in place', async () => {
		copy = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		const box = sandbox();
		const before = readState(copy.file);
		const tmux = new TmuxSession(box.exitFile);
		try {
			tmux.start(['review', copy.file], box.env);
			await tmux.waitForText(/New\s+Learn\s+Due/);
			await tmux.press('Enter');
			await tmux.waitForText('show answer');
			await tmux.press('Enter');
			await tmux.press('3');
			await tmux.press('q');
			await tmux.waitForText(/Cards studied:\s+1/);
			await tmux.press('q');
			await tmux.press('q');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
		const after = readState(copy.file);
		expect(after.revlog.length).toBe(before.revlog.length + 1);
		expect(after.revlog.at(-1)!.ease).toBe(3);
		box.cleanup();
	});

	it('imports a package into the local collection and studies it: type-in, audio hint, images', async () => {
		const box = sandbox();
		// No audio player and no viewer on PATH: the CLI must say so in one line, not fail.
		const emptyBin = path.join(box.dir, 'bin');
		mkdirSync(emptyBin);
		const env = {...box.env, PATH: emptyBin};
		const tmux = new TmuxSession(box.exitFile);
		let answered = 0;
		let sawTypeIn = false;
		let sawAudioHint = false;
		let sawImage = false;
		try {
			tmux.start(['review', sharedFile('anki21-stock-notetypes-media.apkg')], env);
			let screen = await tmux.waitForText(/show answer|Congratulations/, 30_000);
			while (!screen.includes('Congratulations') && answered < 20) {
				if (screen.includes('Audio: no player found')) sawAudioHint = true;
				if (screen.includes('[image: png1.png]')) sawImage = true;
				if (screen.includes('Type answer:')) {
					sawTypeIn = true;
					// Typed keys go into the input, digits and letters alike.
					tmux.literal('Basic (type in the answer) bak');
					await tmux.waitForText('answer) bak█');
					screen = await tmux.pressFor('Enter', '4 Easy');
					// Anki's comparison: what was typed, an arrow, what was expected.
					expect(screen).toContain('↓');
				} else {
					screen = await tmux.pressFor('Enter', '4 Easy');
				}
				if (screen.includes('Audio: no player found')) sawAudioHint = true;
				const before = screen;
				// Easy graduates a new card at once (Good would bring it back within the learn-ahead limit).
				tmux.keys('4');
				answered++;
				screen = await tmux.waitFor((s) => s !== before && !s.includes('4 Easy'), 'the next card');
			}
			expect(screen).toContain('Congratulations! You have finished this deck for now.');
			// The package's deck was studied straight away: q leaves it, q leaves the summary and the program.
			tmux.keys('q');
			await tmux.waitForText(/Cards studied:\s+\d+/);
			expect(await tmux.quitFromSummary()).toBe(0);
		} finally {
			tmux.kill();
		}
		expect(answered).toBe(10);
		expect(sawTypeIn).toBe(true);
		expect(sawAudioHint).toBe(true);
		expect(sawImage).toBe(true);
		const local = readState(path.join(box.env.XDG_DATA_HOME, 'anki-tui', 'collection.anki2'));
		expect(local.revlog).toHaveLength(10);
		expect(local.revlog.every((r) => r.ease === 4)).toBe(true);
		box.cleanup();
	});
});
