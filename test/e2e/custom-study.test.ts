// End to end: custom study from the congratulations screen of the built CLI in tmux. A deck is
// finished, c opens Anki's Custom Study dialog, "Study by card state or tag" builds the Custom Study
// Session, one of its cards is studied; then the collection is read back as Anki would read it.
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, beforeAll, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();
const demoCollection = path.join(projectRoot, 'fixtures', 'schema11.anki2');
const deckName = 'anki-tui demo::Languages';

describe.skipIf(!hasTmux)('custom study in tmux (demo collection)', () => {
	beforeAll(() => buildCli(), 120_000);

	it('c on the congratulations screen: all cards at random, no rescheduling, studied from the session deck', async () => {
		const t = tempDir('anki-tui-e2e-');
		const home = path.join(t.dir, 'home');
		mkdirSync(home);
		const file = path.join(t.dir, 'collection.anki2');
		copyFileSync(demoCollection, file);
		const tmux = new TmuxSession(path.join(t.dir, 'exit-code'));
		try {
			tmux.start(['review', file, '--deck', deckName], terminalEnv(home));
			await tmux.waitForText('show answer');
			// Easy on every card until the deck is done for today.
			for (let i = 0; i < 40 && !tmux.screen().includes('Congratulations'); i++) {
				await tmux.pressFor('Enter', '4 Easy');
				await tmux.press('4');
			}
			let screen = await tmux.waitForText('Congratulations! You have finished this deck for now.');
			expect(screen).toContain('c custom study');
			screen = await tmux.pressFor('c', `Custom Study: ${deckName}`);
			expect(screen).toMatch(/› \(•\) Increase today's new card limit/);
			for (let i = 0; i < 5; i++) tmux.keys('Down');
			screen = await tmux.waitForText('Select 100█ cards from the deck');
			for (let i = 0; i < 3; i++) tmux.keys('Right');
			screen = await tmux.waitForText(/\(•\) All cards in random order \(don't reschedule\)/);
			await tmux.pressFor('Enter', `Selective Study: ${deckName}`);
			screen = await tmux.pressFor('Enter', 'Custom Study Session');
			expect(screen).toContain('r rebuild');
			expect(screen).toMatch(/New:\s+\d+/);
			// Study one card of the session: previewed, so its home deck's schedule stays as it was.
			await tmux.pressFor('s', 'show answer');
			await tmux.pressFor('Enter', '3 Good');
			await tmux.press('3');
			// Esc, not q: the next card may take a typed answer.
			await tmux.pressFor('Escape', /Cards studied:\s+1/);
			await tmux.pressFor('q', 'r rebuild');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}

		const col = openCollection(file, {readOnly: true});
		try {
			const decks = col.adapter.decks();
			const home = decks.find((d) => d.name === deckName)!;
			const session = decks.find((d) => d.name === 'Custom Study Session')!;
			expect(session.filtered).toMatchObject({reschedule: false, searchTerms: [{search: `"deck:${deckName}"`, limit: 100, order: 1}]});
			const homeCards = Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? OR odid = ?').pluck().get(home.id, home.id));
			const inSession = col.db.prepare('SELECT odid, usn FROM cards WHERE did = ?').all(session.id) as Array<{odid: number; usn: number}>;
			// Every card of the finished deck moved in (all cards, limit 100), each remembering its home, for
			// the next sync; the one answered Good went home (a preview deck's Good delay is 0, as in Anki).
			expect(inSession.length).toBe(homeCards - 1);
			expect(Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ? AND odid = 0').pluck().get(home.id))).toBe(1);
			expect(inSession.every((c) => c.odid === home.id && c.usn === -1)).toBe(true);
		} finally {
			col.close();
			t.cleanup();
		}
	}, 120_000);
});
