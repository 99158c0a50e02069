import React from 'react';
import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {DeckBrowser} from '../../source/ui/screens/DeckBrowser.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import type {DeckTreeItem} from '../../source/ui/view-types.js';
import {keys, plain, press, tick, until} from './helpers.js';
import chalk from 'chalk';

const bindings = structuredClone(defaultCommands) as Bindings;

function deck(id: number, name: string, counts: [number, number, number], children: DeckTreeItem[] = [], collapsed = false): DeckTreeItem {
	return {id, name, shortName: name.split('::').at(-1)!, collapsed, new: counts[0], learn: counts[1], review: counts[2], cards: 10, children};
}

const tree: DeckTreeItem[] = [
	deck(10, 'Japanese', [20, 3, 45], [deck(11, 'Japanese::漢字', [10, 1, 5]), deck(12, 'Japanese::Vocab', [10, 2, 40])]),
	deck(20, 'Spanish', [5, 0, 12], [deck(21, 'Spanish::Verbs', [5, 0, 12])], true),
];

function setup(width = 80, height = 24) {
	const studied: number[] = [];
	const overviews: number[] = [];
	const collapses: Array<[number, boolean]> = [];
	let back = 0;
	const ui = render(
		<DeckBrowser
			tree={tree}
			theme={themes.dark}
			bindings={bindings}
			width={width}
			height={height}
			onStudy={(id) => studied.push(id)}
			onOverview={(id) => overviews.push(id)}
			onCollapse={(id, c) => collapses.push([id, c])}
			onBack={() => back++}
			onHelp={() => {}}
		/>,
	);
	return {ui, studied, overviews, collapses, back: () => back, frame: () => plain(ui.lastFrame())};
}

describe('deck browser', () => {
	it('shows the tree with New / Learn / Due and totals; collapsed decks hide children', async () => {
		const t = setup();
		await tick();
		const f = t.frame();
		expect(f).toMatch(/New\s+Learn\s+Due/);
		expect(f).toMatch(/- Japanese\s+20\s+3\s+45/);
		expect(f).toMatch(/ {4}漢字\s+10\s+1\s+5/);
		expect(f).toMatch(/\+ Spanish\s+5\s+0\s+12/);
		expect(f).not.toContain('Verbs');
		expect(f).toMatch(/Total\s+25\s+3\s+57/);
	});

	it('colours counts as Anki does: new blue, learn red, due green', async () => {
		const level = chalk.level;
		chalk.level = 1; // vitest's output is no TTY; ask for colour as a 16-colour terminal would
		const t = setup();
		await tick();
		const raw = t.ui.lastFrame()!;
		chalk.level = level;
		expect(raw).toContain('\u001B[94m    20'); // new: bright blue
		expect(raw).toContain('\u001B[91m     3'); // learn: bright red
		expect(raw).toContain('\u001B[92m    45'); // due: bright green
	});

	it('wide characters keep the count columns aligned', async () => {
		const t = setup();
		await tick();
		const lines = t.frame().split('\n');
		const kanji = lines.find((l) => l.includes('漢字'))!;
		const vocab = lines.find((l) => l.includes('Vocab'))!;
		const stringWidth = (await import('string-width')).default;
		expect(stringWidth(kanji)).toBe(stringWidth(vocab));
		expect(stringWidth(kanji)).toBe(80);
	});

	it('moves with arrows and j/k, expands and collapses, Enter studies', async () => {
		const t = setup();
		await tick();
		await press(t.ui.stdin, 'j', 'j', 'j', keys.enter);
		expect(t.studied).toEqual([20]);
		await press(t.ui.stdin, 'l');
		expect(t.collapses).toEqual([[20, false]]);
		await until(() => t.frame().includes('Verbs'), 'Verbs to be shown');
		await press(t.ui.stdin, keys.down, keys.enter);
		expect(t.studied).toEqual([20, 21]);
		await press(t.ui.stdin, 'k', 'k', 'k', 'k', 'h');
		expect(t.collapses.at(-1)).toEqual([10, true]);
		// The collapse is reported at once; the frame follows when ink draws it (slower under load).
		await until(() => !t.frame().includes('Vocab'), 'Vocab to be hidden');
		await press(t.ui.stdin, keys.up, keys.down, keys.up, 'o');
		expect(t.overviews).toEqual([10]);
	});

	it('keys pressed in one burst each count', async () => {
		const t = setup();
		await tick();
		t.ui.stdin.write('jjj');
		await tick();
		await press(t.ui.stdin, keys.enter);
		expect(t.studied).toEqual([20]);
		expect(t.frame()).toMatch(/›\+ Spanish/);
	});

	it('q quits', async () => {
		const t = setup();
		await tick();
		await press(t.ui.stdin, 'q');
		expect(t.back()).toBe(1);
	});

	it('fits 80x24 and narrower terminals', async () => {
		const t = setup(40, 10);
		await tick();
		const lines = t.frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(10);
		const stringWidth = (await import('string-width')).default;
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
		expect(t.frame()).toContain('Japanese');
	});
});
