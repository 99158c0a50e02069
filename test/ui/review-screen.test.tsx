import React from 'react';
import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {Review} from '../../source/ui/screens/Review.js';
import {ReviewController} from '../../source/ui/controller/review-controller.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {FakeSession, fakeDeps, type FakeCard} from './fake-session.js';
import {keys, plain, press, tick} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;

function setup(cards: FakeCard[], size = {width: 80, height: 24}, options: {autoplay?: boolean; player?: boolean} = {}) {
	const session = new FakeSession(cards);
	const fake = fakeDeps(session, options);
	const controller = new ReviewController(fake.deps);
	let left = 0;
	let help = 0;
	const ui = render(
		<Review
			controller={controller}
			theme={themes.dark}
			bindings={bindings}
			width={size.width}
			height={size.height}
			now={fake.deps.now}
			onLeave={() => left++}
			onHelp={() => help++}
		/>,
	);
	return {session, controller, ui, fake, frame: () => plain(ui.lastFrame()), left: () => left, help: () => help};
}

const three: FakeCard[] = [
	{id: 1, front: 'hablar', back: 'to speak', kind: 'new'},
	{id: 2, front: 'comer', back: 'to eat', kind: 'learn'},
	{id: 3, front: 'vivir', back: 'to live', kind: 'review'},
];

describe('review screen', () => {
	it('shows the question, deck and counts; Space reveals the answer with interval labels', async () => {
		const t = setup(three);
		await tick();
		expect(t.frame()).toContain('hablar');
		expect(t.frame()).toContain('Spanish::Verbs');
		expect(t.frame()).toContain('1 + 1 + 1');
		expect(t.frame()).not.toContain('to speak');
		expect(t.frame()).toContain('show answer');
		await press(t.ui.stdin, ' ');
		expect(t.frame()).toContain('to speak');
		expect(t.frame()).toMatch(/1 Again 1m\s+2 Hard 6m\s+3 Good 10m\s+4 Easy 4d/);
	});

	it('grades all four ways, and Space/Enter on the answer answer Good', async () => {
		const cards: FakeCard[] = Array.from({length: 6}, (_, i) => ({id: i + 1, front: `q${i + 1}`, back: `a${i + 1}`, kind: 'new' as const}));
		const t = setup(cards);
		await tick();
		await press(t.ui.stdin, ' ', '1', keys.enter, '2', ' ', '3', ' ', '4', ' ', ' ', keys.enter, keys.enter);
		expect(t.session.answers.map((a) => [a.id, a.rating])).toEqual([
			[1, 1],
			[2, 2],
			[3, 3],
			[4, 4],
			[5, 3],
			[6, 3],
		]);
		expect(t.frame()).toContain('Congratulations! You have finished this deck for now.');
	});

	it('answer keys on the question side do nothing', async () => {
		const t = setup(three);
		await tick();
		await press(t.ui.stdin, '3', '1', '4');
		expect(t.session.answers).toEqual([]);
		expect(t.frame()).toContain('hablar');
	});

	it('a fast double key press answers one card only', async () => {
		const t = setup(three);
		await tick();
		await press(t.ui.stdin, ' ');
		// Both presses arrive in one burst, before ink can re-render.
		t.ui.stdin.write('33');
		await tick();
		expect(t.session.answers).toHaveLength(1);
		expect(t.frame()).toContain('comer');
		expect(t.frame()).not.toContain('to eat');
	});

	it('undo brings the previous card back (u and Ctrl+Z)', async () => {
		const t = setup(three);
		await tick();
		await press(t.ui.stdin, ' ', '3');
		expect(t.frame()).toContain('comer');
		await press(t.ui.stdin, 'u');
		expect(t.frame()).toContain('hablar');
		expect(t.frame()).toContain('Answer Card undone.');
		expect(t.session.answers).toHaveLength(0);
		await press(t.ui.stdin, ' ', '3', keys.ctrlZ);
		expect(t.frame()).toContain('hablar');
		expect(t.session.log.filter((l) => l === 'undo')).toHaveLength(2);
	});

	it('buries and suspends cards and notes with - = @ !', async () => {
		const cards: FakeCard[] = Array.from({length: 5}, (_, i) => ({id: i + 1, front: `q${i + 1}`, back: `a${i + 1}`, kind: 'review' as const}));
		const t = setup(cards);
		await tick();
		await press(t.ui.stdin, '-');
		expect(t.frame()).toContain('Card buried.');
		expect(t.frame()).toContain('q2');
		await press(t.ui.stdin, '=', '@', '!');
		expect(t.session.log).toEqual(['buryCard 1', 'buryNote 2', 'suspendCard 3', 'suspendNote 4']);
		expect(t.frame()).toContain('Note suspended.');
		expect(t.frame()).toContain('q5');
	});

	it('flags with the f prefix, marks with *', async () => {
		const t = setup(three);
		await tick();
		await press(t.ui.stdin, 'f', '1');
		expect(t.session.log).toEqual(['flag 1 1']);
		expect(t.frame()).toContain('⚑');
		await press(t.ui.stdin, 'f', '1');
		expect(t.frame()).not.toContain('⚑');
		await press(t.ui.stdin, '*');
		expect(t.session.log.at(-1)).toBe('mark 1');
		// Ctrl+4 as kitty (CSI u) and as xterm modifyOtherKeys send it.
		await press(t.ui.stdin, '\u001B[52;5u', '\u001B[27;5;50~');
		expect(t.session.log.slice(-2)).toEqual(['flag 1 4', 'flag 1 2']);
	});

	it('type-in answers: keys go into the input, Enter reveals the comparison', async () => {
		const t = setup([{id: 1, front: 'Capital of France?', back: 'Paris', kind: 'new', typeAnswer: 'Paris'}]);
		await tick();
		expect(t.frame()).toContain('Type answer:');
		// q, 1, u and - are typed text here, not commands.
		await press(t.ui.stdin, 'P', 'a', 'r', 'q', keys.backspace, 'i', 's');
		expect(t.frame()).toContain('Type answer: Paris');
		expect(t.session.log).toEqual([]);
		expect(t.left()).toBe(0);
		await press(t.ui.stdin, keys.enter);
		expect(t.frame()).toContain('✓ Paris');
		await press(t.ui.stdin, '3');
		expect(t.session.answers).toHaveLength(1);
	});

	it('a wrong typed answer is marked', async () => {
		const t = setup([{id: 1, front: 'Capital of Spain?', back: 'Madrid', kind: 'new', typeAnswer: 'Madrid'}]);
		await tick();
		t.ui.stdin.write('Madird');
		await tick();
		await press(t.ui.stdin, keys.enter);
		expect(t.frame()).toContain('✗ Madird → Madrid');
	});

	it('long cards scroll with j/k and PgDn/PgUp and never exceed the screen height', async () => {
		const long = Array.from({length: 60}, (_, i) => `line ${i + 1}`).join('\n');
		const t = setup([{id: 1, front: long, back: 'x', kind: 'new'}], {width: 80, height: 24});
		await tick();
		expect(t.frame().split('\n').length).toBeLessThanOrEqual(24);
		expect(t.frame()).toContain('line 1\n');
		expect(t.frame()).not.toContain('line 30');
		await press(t.ui.stdin, keys.pageDown);
		expect(t.frame()).not.toContain('line 1\n');
		expect(t.frame()).toContain('line 30');
		await press(t.ui.stdin, keys.pageUp, 'j', 'j');
		expect(t.frame()).toMatch(/^line 3$/m);
		expect(t.frame()).not.toMatch(/^line 2$/m);
		await press(t.ui.stdin, 'k');
		expect(t.frame()).toMatch(/^line 2$/m);
	});

	it('reflows to a narrow terminal and aligns wide characters', async () => {
		const t = setup([{id: 1, front: '日本語の文章はとても長いのでこの幅には収まりません', back: 'x', kind: 'new'}], {width: 30, height: 12});
		await tick();
		const lines = t.frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(12);
		// 2 columns per character: a 30-column row holds exactly 15 of them.
		expect(t.frame()).toContain('\n日本語の文章はとても長いのでこ\nの幅には収まりません\n');
	});

	it('plays audio by itself and on r; a missing player gives a one-line hint', async () => {
		const t = setup([{id: 1, front: 'listen', back: 'x', kind: 'new', sounds: ['a.mp3']}], undefined, {player: false});
		await tick();
		expect(t.fake.played).toEqual([['a.mp3']]);
		expect(t.frame()).toContain('no player found');
		await press(t.ui.stdin, 'r');
		expect(t.fake.played).toHaveLength(2);
	});

	it('o opens the images, i shows card info, q leaves', async () => {
		const t = setup([{id: 1, front: 'see', back: 'x', kind: 'new', images: ['cat.png']}]);
		await tick();
		await press(t.ui.stdin, 'o');
		expect(t.fake.opened).toEqual([['cat.png']]);
		await press(t.ui.stdin, 'i');
		expect(t.frame()).toContain('Card 1');
		expect(t.frame()).toContain('No reviews yet.');
		await press(t.ui.stdin, 'q');
		expect(t.left()).toBe(0);
		expect(t.frame()).not.toContain('Card 1');
		await press(t.ui.stdin, '?');
		expect(t.help()).toBe(1);
		await press(t.ui.stdin, 'q');
		expect(t.left()).toBe(1);
	});

	it('the congrats screen says when the next learning card is due', async () => {
		const t = setup([{id: 1, front: 'q', back: 'a', kind: 'new'}]);
		t.session.nextDue = Math.floor(t.fake.deps.now() / 1000) + 600;
		await tick();
		await press(t.ui.stdin, ' ', '1');
		expect(t.frame()).toContain('Congratulations! You have finished this deck for now.');
		expect(t.frame()).toContain('The next learning card will be ready in 10 minutes.');
	});

	it('h shows and hides hints', async () => {
		const t = setup([{id: 1, front: 'capital?', back: 'x', kind: 'new', hint: 'starts with C'}, {id: 2, front: 'q2', back: 'a2', kind: 'new'}]);
		await tick();
		expect(t.frame()).not.toContain('starts with C');
		await press(t.ui.stdin, 'h');
		expect(t.frame()).toContain('Hint (Extra):');
		expect(t.frame()).toContain('starts with C');
		await press(t.ui.stdin, 'h');
		expect(t.frame()).not.toContain('starts with C');
		await press(t.ui.stdin, ' ', '3', 'h');
		expect(t.frame()).toContain('This card has no hints.');
	});

	it('a failed answer shows an error line and keeps the card', async () => {
		const t = setup(three);
		t.session.answer = () => {
			throw new Error('database is locked');
		};
		await tick();
		await press(t.ui.stdin, ' ', '3');
		expect(t.frame()).toContain('Error: database is locked');
		expect(t.frame()).toContain('to speak');
	});

	it('records the time taken to answer', async () => {
		const t = setup(three);
		await tick();
		t.fake.advance(4200);
		await press(t.ui.stdin, ' ', '3');
		expect(t.session.answers[0]!.ms).toBe(4200);
	});
});
