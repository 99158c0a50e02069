// Cloze deletions as Anki's cloze.rs renders them.
import {describe, expect, it} from 'vitest';
import {
	clozeNumbersInString,
	extractClozeForTyping,
	revealClozeText,
	revealClozeTextOnly,
	stripHtml,
} from '../../source/core/render/index.js';
import {render} from './build.js';

describe('cloze reveal', () => {
	it('hides the active deletion on the question with [...] and keeps data-cloze', () => {
		expect(revealClozeText('a {{c1::b}} c', 1, true)).toBe('a <span class="cloze" data-cloze="b" data-ordinal="1">[...]</span> c');
	});
	it('shows the hint instead of ... when there is one', () => {
		expect(stripHtml(revealClozeText('{{c1::Paris::capital}}', 1, true))).toBe('[capital]');
	});
	it('highlights the active deletion on the answer and marks others inactive', () => {
		expect(revealClozeText('{{c1::a}} {{c2::b}}', 1, false)).toBe(
			'<span class="cloze" data-ordinal="1">a</span> <span class="cloze-inactive" data-ordinal="2">b</span>',
		);
	});
	it('renders "" when the ordinal does not occur', () => {
		expect(revealClozeText('{{c1::a}}', 2, true)).toBe('');
	});
	it('handles nested deletions', () => {
		const text = 'foo {{c1::bar {{c2::baz}}::qux}}';
		expect(stripHtml(revealClozeText(text, 1, true))).toBe('foo [qux]');
		expect(stripHtml(revealClozeText(text, 2, true))).toBe('foo bar [...]');
		expect(stripHtml(revealClozeText(text, 2, false))).toBe('foo bar baz');
		expect(revealClozeText('foo {{c1::bar {{c2::baz}}}}', 1, false)).toBe(
			'foo <span class="cloze" data-ordinal="1">bar <span class="cloze-inactive" data-ordinal="2">baz</span></span>',
		);
	});
	it('belongs to several cards with c1,3', () => {
		const text = '{{c1,3::shared}} and {{c2::two}}';
		expect(stripHtml(revealClozeText(text, 1, true))).toBe('[...] and two');
		expect(stripHtml(revealClozeText(text, 3, true))).toBe('[...] and two');
		expect(revealClozeText(text, 3, true)).toContain('data-ordinal="1,3"');
		expect([...clozeNumbersInString(text)].sort()).toEqual([1, 2, 3]);
	});
	it('ignores c0, keeps a stray }} as text and drops an unterminated deletion', () => {
		expect([...clozeNumbersInString('{{c0::x}} {{c2::y}}')]).toEqual([2]);
		expect(stripHtml(revealClozeText('{{c1::a}} }} b', 1, false))).toBe('a }} b');
		expect(stripHtml(revealClozeText('{{c1::a}} {{c1::open', 1, false))).toBe('a ');
	});
	it('cloze-only gives the active texts (hints on the question)', () => {
		expect(revealClozeTextOnly('{{c1::foo}} {{c1::bar::baz}}', 1, true)).toBe('..., baz');
		expect(revealClozeTextOnly('{{c1::foo}} {{c1::bar}}', 1, false)).toBe('foo, bar');
	});
	it('typing collapses identical deletions', () => {
		expect(extractClozeForTyping('{{c1::foo}} {{c1::foo}}', 1)).toBe('foo');
		expect(extractClozeForTyping('{{c1::foo}} {{c1::bar}}', 1)).toBe('foo, bar');
	});
	it('strips HTML inside MathJax after the reveal', () => {
		const r = render('{{cloze:Text}}', '{{cloze:Text}}', {Text: '\\(x = {{c1::<b>2</b>}}\\)'}, {kind: 'cloze'});
		expect(r.answerHtml).toBe('\\(x = 2\\)');
	});
});

describe('cloze cards', () => {
	it('shows [...] on the question and the highlighted text on the answer', () => {
		const r = render('{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}', {Text: 'The {{c1::sun}} is a {{c2::star}}', 'Back Extra': 'extra'}, {kind: 'cloze', ord: 1});
		expect(r.q).toBe('The sun is a [...]');
		expect(r.a).toBe('The sun is a star\nextra');
		const star = r.answer[0].find((span) => span.text === 'star');
		expect(star?.style).toEqual({bold: true, color: 'cloze'});
		const placeholder = r.question[0].find((span) => span.text === '[...]');
		expect(placeholder?.style.color).toBe('cloze');
	});
	it('type:cloze expects the active deletion', () => {
		const r = render('{{cloze:Text}} {{type:cloze:Text}}', '{{cloze:Text}} {{type:cloze:Text}}', {Text: '{{c1::uno}} {{c2::dos}}'}, {kind: 'cloze', ord: 1});
		expect(r.typeAnswer).toEqual({field: 'Text', expected: 'dos', cloze: true});
		expect(r.q).toBe('uno [...] [type answer]');
		expect(r.a).toBe('uno dos dos');
	});
});
