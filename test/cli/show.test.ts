// `anki-tui show FILE --json`: the documented shape, plain text only, every card of the file.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

interface ShownCard {
	id: number;
	noteId: number;
	deck: string;
	ord: number;
	notetype: string;
	question: string;
	answer: string;
	images: string[];
	sounds: string[];
}

function show(file: string, ...extra: string[]): ShownCard[] {
	const result = runCli(['show', file, '--json', ...extra]);
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return (JSON.parse(result.stdout) as {cards: ShownCard[]}).cards;
}

function expectPlain(card: ShownCard): void {
	for (const text of [card.question, card.answer]) {
		expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
		// eslint-disable-next-line no-control-regex
		expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
	}
}

describe('show --json', () => {
	const demo = path.join(projectRoot, 'fixtures', 'latest.apkg');

	it('prints every card of the demo package with the documented fields', () => {
		const cards = show(demo);
		expect(cards).toHaveLength(28);
		for (const card of cards) {
			expect(Object.keys(card).sort()).toEqual(['answer', 'deck', 'id', 'images', 'noteId', 'notetype', 'ord', 'question', 'sounds']);
			expect(card.deck.startsWith('anki-tui demo')).toBe(true);
			expectPlain(card);
			expect(card.question).not.toContain('{{');
		}
		expect(cards.some((card) => card.images.length > 0)).toBe(true);
		expect(cards.some((card) => card.sounds.length > 0)).toBe(true);
		expect(cards.some((card) => card.question.includes('[...]'))).toBe(true);
	});

	it('writes the document byte for byte as JSON.stringify(value, null, 2) lays it out (cards streamed one by one)', () => {
		const result = runCli(['show', demo, '--json']);
		expect(result.status).toBe(0);
		expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
	});

	it('filters by deck (with subdecks) and by card id', () => {
		const cloze = show(demo, '--deck', 'anki-tui demo::Cloze');
		expect(cloze.length).toBeGreaterThan(0);
		expect(cloze.every((card) => card.deck === 'anki-tui demo::Cloze')).toBe(true);
		expect(show(demo, '--deck', 'ANKI-TUI DEMO')).toHaveLength(28);
		const one = show(demo, '--card', String(cloze[0]!.id));
		expect(one.map((card) => card.id)).toEqual([cloze[0]!.id]);
	});

	it('an unknown deck is one clear line', () => {
		const result = runCli(['show', demo, '--deck', 'Nope']);
		expect(result.status).toBe(64);
		expect(result.stderr).toMatch(/^anki-tui: No deck named "Nope"/);
	});
});

describe.skipIf(!hasShared)('show --json on real Anki files', () => {
	noticeIfNoShared();
	it('renders the cloze cards and their audio of modern-cloze-audio.apkg', () => {
		const cards = show(sharedFile('modern-cloze-audio.apkg'));
		expect(cards).toHaveLength(7);
		for (const card of cards) {
			expectPlain(card);
			expect(card.question).toContain('[...]');
			expect(card.sounds.length).toBeGreaterThan(0);
			expect(card.sounds[0]).toMatch(/\.mp3$/);
		}
	});
});
