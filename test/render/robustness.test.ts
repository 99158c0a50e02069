// Whatever a deck contains, rendering never throws and never lets a control character through.
import {describe, expect, it} from 'vitest';
import {renderCard, toAnsi, toPlainText} from '../../source/core/render/index.js';
import {makeCard, makeNote, makeNotetype} from './build.js';
import {prng as rng} from '../../scripts/lib/prng.js';

const PIECES = [
	'{{', '}}', '{{Front}}', '{{Back}}', '{{#Front}}', '{{/Front}}', '{{^Back}}', '{{/Back}}', '{{cloze:Front}}', '{{type:Back}}',
	'{{hint:Back}}', '{{furigana:Front}}', '{{text:cloze:Front}}', '{{FrontSide}}', '{{Tags}}', '{{tts en_US:Front}}', '{{c1::',
	'{{c2::x::h}}', '::', '<div>', '</div>', '<br>', '<b>', '</b>', '<table><tr><td>', '</td></tr></table>', '<ul><li>', '<pre>',
	'<!--', '-->', '&amp;', '&nbsp;', '&#27;', '&bogus;', '[sound:a.mp3]', '[anki:tts lang=ja_JP]', '[/anki:tts]', '[latex]x^2[/latex]',
	'\\(', '\\)', '漢字[かんじ]', ' ', '\n', 'text', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u009b', '\r', '\b', '<img src="a.png">',
	'<span style="color: red; display: none">', '</span>', '<%', '%>', '{{=<% %>=}}', '[[type:Back]]', '<ruby>', '<rt>', '</ruby>',
];

function randomText(next: () => number, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += PIECES[Math.floor(next() * PIECES.length)];
	return out;
}

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ue000-\ue00f]/;

describe('robustness', () => {
	for (const kind of ['standard', 'cloze'] as const) {
		it(`300 random ${kind} cards render without throwing or leaking controls`, () => {
			const next = rng(kind === 'standard' ? 42 : 7);
			for (let i = 0; i < 300; i++) {
				const notetype = makeNotetype(['Front', 'Back'], [{qfmt: randomText(next, 6), afmt: randomText(next, 6)}], kind);
				const note = makeNote([randomText(next, 5), randomText(next, 5)], [randomText(next, 1)]);
				const card = makeCard(Math.floor(next() * 3), {flags: Math.floor(next() * 8)});
				const result = renderCard({note, notetype, card, deckName: randomText(next, 1)});
				for (const side of [result.question, result.answer]) {
					expect(toPlainText(side)).not.toMatch(UNSAFE);
					expect(toAnsi(side, {color: true}).replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(UNSAFE);
				}
			}
		});
	}
	it('a notetype without templates or a note with missing fields still renders', () => {
		const empty = renderCard({note: makeNote(['a']), notetype: makeNotetype(['Front', 'Back'], []), card: makeCard(0), deckName: 'D'});
		expect(empty.error).toBe("Card template 1 of note type 'Test type' is missing.");
		const short = renderCard({note: makeNote(['only front']), notetype: makeNotetype(['Front', 'Back'], [{qfmt: '{{Front}}', afmt: '{{Back}}'}]), card: makeCard(0), deckName: 'D'});
		expect(toPlainText(short.question)).toBe('only front');
		expect(short.answer).toEqual([]);
	});
});

describe('pathological input stays cheap', () => {
	it('furigana and HTML stripping on long unmatched brackets finish', async () => {
		const {furiganaFilter, stripHtml} = await import('../../source/core/render/index.js');
		const brackets = '['.repeat(20_000) + 'x';
		expect(furiganaFilter(brackets)).toBe(brackets);
		const angles = '<'.repeat(20_000) + 'x';
		expect(stripHtml(angles)).toBe(angles);
		expect(furiganaFilter('a[b] ' + brackets)).toBe('<ruby><rb>a</rb><rt>b</rt></ruby> ' + brackets);
		const {htmlToStyled, toPlainText} = await import('../../source/core/render/index.js');
		const {stripHtmlInsideMathjax} = await import('../../source/core/render/cloze.js');
		const openers = '\\('.repeat(10_000) + 'x';
		expect(stripHtmlInsideMathjax(openers)).toBe(openers);
		expect(toPlainText(htmlToStyled(openers)).length).toBe(openers.length);
	});
});
