import React from 'react';
import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {Overview} from '../../source/ui/screens/Overview.js';
import {Summary} from '../../source/ui/screens/Summary.js';
import {FirstRun} from '../../source/ui/screens/FirstRun.js';
import {HelpOverlay} from '../../source/ui/screens/HelpOverlay.js';
import {buildBindings, defaultCommands, helpRows, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {keys, overwide, plain, press, tick} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;

describe('overview', () => {
	it("shows the deck's counts and description; Enter starts, q goes back", async () => {
		let studied = 0;
		let back = 0;
		const ui = render(
			<Overview
				overview={{id: 1, name: 'Spanish::Verbs', description: [[{text: 'Common verbs, '}, {text: 'present tense', bold: true}]], counts: {new: 20, learn: 2, review: 31}}}
				theme={themes.light}
				bindings={bindings}
				width={80}
				height={24}
				onStudy={() => studied++}
				onBack={() => back++}
				onHelp={() => {}}
			/>,
		);
		await tick();
		const f = plain(ui.lastFrame());
		expect(f).toContain('Spanish::Verbs');
		expect(f).toMatch(/New:\s+20/);
		expect(f).toMatch(/Learning:\s+2/);
		expect(f).toMatch(/To Review:\s+31/);
		expect(f).toContain('Common verbs, present tense');
		await press(ui.stdin, keys.enter);
		expect(studied).toBe(1);
		await press(ui.stdin, 'q');
		expect(back).toBe(1);
	});
});

describe('summary', () => {
	it('shows cards studied, time and again rate; any key continues', async () => {
		let done = 0;
		const ui = render(
			<Summary
				summary={{studied: 8, again: 2, millisecondsStudied: 125_000}}
				deckName="Spanish"
				theme={themes.dark}
				bindings={bindings}
				width={80}
				height={24}
				onDone={() => done++}
				onHelp={() => {}}
			/>,
		);
		await tick();
		const f = plain(ui.lastFrame());
		expect(f).toMatch(/Cards studied:\s+8/);
		expect(f).toMatch(/Time:\s+2m 05s/);
		expect(f).toMatch(/Again rate:\s+25% \(2 of 8\)/);
		await press(ui.stdin, 'x');
		expect(done).toBe(1);
	});
});

describe('first run', () => {
	it('says how to import a package or sync; q quits', async () => {
		let back = 0;
		const ui = render(<FirstRun collectionPath="/home/me/.local/share/anki-tui/collection.anki2" theme={themes.none} bindings={bindings} width={80} height={24} onBack={() => back++} onHelp={() => {}} />);
		await tick();
		const f = plain(ui.lastFrame());
		expect(f).toContain('anki-tui import deck.apkg');
		expect(f).toContain('anki-tui sync');
		await press(ui.stdin, 'q');
		expect(back).toBe(1);
	});
});

describe('first run with Anki profiles on the machine', () => {
	it('offers the commands that open them first, three at most, on an 80x24 screen', async () => {
		const profiles = ['User 1', 'Work', 'Kanji', 'Old'].map((name) => ({name, command: `anki-tui --profile "${name}"`}));
		const ui = render(<FirstRun collectionPath="/home/me/.local/share/anki-tui/collection.anki2" profiles={profiles} theme={themes.none} bindings={bindings} width={80} height={24} onBack={() => {}} onHelp={() => {}} />);
		await tick();
		const f = plain(ui.lastFrame());
		const lines = f.split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		expect(f).toContain('Open your Anki profile in place (close Anki first):');
		expect(f).toContain('anki-tui --profile "User 1"');
		expect(f).toContain('anki-tui --profile "Kanji"');
		expect(f).not.toContain('anki-tui --profile "Old"');
		expect(f).toContain('and 1 more: anki-tui profiles');
		expect(f.indexOf('--profile "User 1"')).toBeLessThan(f.indexOf('anki-tui import deck.apkg'));
		expect(f).toContain('anki-tui sync');
	});

	it('without profiles, says nothing about them', async () => {
		const ui = render(<FirstRun collectionPath="/x/collection.anki2" profiles={[]} theme={themes.none} bindings={bindings} width={80} height={24} onBack={() => {}} onHelp={() => {}} />);
		await tick();
		expect(plain(ui.lastFrame())).not.toContain('Anki profile');
	});
});

describe('help overlay', () => {
	it('is generated from the bindings, including user overrides', async () => {
		const {bindings: custom} = buildBindings({'review.again': ['a', 'ctrl+a']});
		let closed = 0;
		const ui = render(<HelpOverlay bindings={custom} scopes={['review', 'scroll', 'app']} theme={themes.dark} width={100} height={40} onClose={() => closed++} />);
		await tick();
		const f = plain(ui.lastFrame());
		expect(f).toMatch(/a, Ctrl\+a\s+Answer Again/);
		expect(f).toMatch(/Space, Enter\s+Show answer, then Good/);
		expect(f).toMatch(/Ctrl\+1, f then 1\s+Flag red/);
		expect(f).not.toContain('Previous deck');
		await press(ui.stdin, 'x');
		expect(closed).toBe(1);
	});

	it('fits all review keys on an 80x24 screen', async () => {
		const ui = render(<HelpOverlay bindings={bindings} scopes={['review', 'scroll', 'app']} theme={themes.dark} width={80} height={24} onClose={() => {}} />);
		await tick();
		const f = plain(ui.lastFrame());
		expect(f.split('\n').length).toBeLessThanOrEqual(24);
		for (const text of ['Answer Again', 'Suspend note', 'Flag purple', 'Page up', 'Back']) expect(f).toContain(text);
	});

	it('on a small terminal, cuts descriptions before keys and says how many rows it could not show', async () => {
		const ui = render(<HelpOverlay bindings={bindings} scopes={['review', 'scroll', 'app']} theme={themes.dark} width={60} height={12} onClose={() => {}} />);
		await tick();
		const f = plain(ui.lastFrame());
		expect(overwide(f, 60)).toEqual([]);
		// Two columns of 8 rows (12 rows less the title, rule and the line that counts the rest).
		const rows = helpRows(bindings, ['review', 'scroll', 'app']);
		const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		expect(f).toMatch(new RegExp(`Space, Enter\\s+Show answer, th… {2,}${escape(rows[8]!.keys)}\\s+${escape(rows[8]!.description)}`));
		expect(f).toMatch(new RegExp(`${escape(rows[7]!.keys)}\\s+\\S.* {2,}${escape(rows[15]!.keys)}\\s+${escape(rows[15]!.description)}`));
		expect(f).toContain(`+${helpRows(bindings, ['review', 'scroll', 'app']).length - 16} more: a larger terminal shows them`);
	});
});
