// Anki's template rules (formats.md §4.1-4.5), one assertion per rule.
import {describe, expect, it} from 'vitest';
import {tokenize} from '../../source/core/render/template/lexer.js';
import {parseTemplate} from '../../source/core/render/template/parser.js';
import {render} from './build.js';

describe('lexer', () => {
	it('trims tag text and drops extra leading braces', () => {
		expect(tokenize('{{ Front }}{{{Back}}}')).toEqual([
			{kind: 'replacement', key: 'Front'},
			{kind: 'replacement', key: 'Back'},
			{kind: 'text', text: '}'},
		]);
	});
	it('classifies #, ^ and / and treats short keys as replacements', () => {
		expect(tokenize('{{#A}}{{^ B}}{{/ A}}{{#}}')).toEqual([
			{kind: 'open', key: 'A'},
			{kind: 'open-negated', key: 'B'},
			{kind: 'close', key: 'A'},
			{kind: 'replacement', key: '#'},
		]);
	});
	it('keeps a lone }} or an unterminated {{ as text', () => {
		expect(tokenize('a }} b')).toEqual([{kind: 'text', text: 'a }} b'}]);
		expect(tokenize('x {{Front')).toEqual([{kind: 'text', text: 'x {{Front'}]);
	});
	it('copies HTML comments without processing tags inside', () => {
		expect(tokenize('a<!-- {{Nope}} -->b')).toEqual([
			{kind: 'text', text: 'a'},
			{kind: 'comment', text: ' {{Nope}} '},
			{kind: 'text', text: 'b'},
		]);
	});
	it('switches to <% %> only when the template starts with {{=<% %>=}}', () => {
		expect(tokenize('  {{=<% %>=}}<%Front%> {{Back}}')).toEqual([
			{kind: 'replacement', key: 'Front'},
			{kind: 'text', text: ' {{Back}}'},
		]);
		expect(tokenize('x {{=<% %>=}}')).toEqual([{kind: 'text', text: 'x '}, {kind: 'replacement', key: '=<% %>='}]);
	});
});

describe('parser', () => {
	it('splits filters from the right and applies them right to left', () => {
		expect(parseTemplate('{{a:b:Field}}')).toEqual([{kind: 'replacement', key: 'Field', filters: ['b', 'a']}]);
	});
	it('does not trim the key after a filter', () => {
		expect(parseTemplate('{{text: Front}}')).toEqual([{kind: 'replacement', key: ' Front', filters: ['text']}]);
	});
});

describe('rendering', () => {
	it('replaces fields and renders sections by emptiness', () => {
		const r = render('{{Front}}{{#Back}} has back{{/Back}}{{^Extra}} no extra{{/Extra}}', '{{Back}}', {Front: 'F', Back: 'B', Extra: ''});
		expect(r.q).toBe('F has back no extra');
	});
	it('FrontSide is empty on the question and the rendered question on the answer', () => {
		const r = render('Q:{{Front}}[{{FrontSide}}]', '{{FrontSide}}<hr id=answer>{{Back}}', {Front: 'one', Back: 'two'});
		expect(r.questionHtml).toBe('Q:one[]');
		expect(r.answerHtml).toBe('Q:one[]<hr id=answer>two');
	});
	it('ignores filters on FrontSide', () => {
		const r = render('<b>{{Front}}</b>', '{{text:FrontSide}}', {Front: 'x'});
		expect(r.answerHtml).toBe('<b>x</b>');
	});
	it('an empty key with filters renders nothing', () => {
		expect(render('{{Front}}{{text:}}', '', {Front: 'x'}).questionHtml).toBe('x');
	});
	it('shows Anki\'s message for an unknown field, echoing filters', () => {
		const r = render('{{Front}} {{text:Nope}}', '{{Back}}', {Front: 'x', Back: 'y'});
		expect(r.questionHtml).toBe(
			"Front template has a problem:<br>Found '{{text:Nope}}', but there is no field called 'Nope'<br><a href='https://docs.ankiweb.net/templates/errors.html#template-syntax-error'>More information</a>",
		);
		expect(r.answerHtml).toBe(r.questionHtml);
		expect(r.error).toBe("Front template has a problem: Found '{{text:Nope}}', but there is no field called 'Nope'");
		expect(r.q).toContain("Found '{{text:Nope}}', but there is no field called 'Nope'");
	});
	it('reports errors in the back template as such', () => {
		const r = render('{{Front}}', '{{#Missing}}x{{/Missing}}', {Front: 'x'});
		expect(r.error).toBe("Back template has a problem: Found '{{#Missing}}', but there is no field called 'Missing'");
		expect(r.q).toContain('Back template has a problem:');
	});
	it('reports mismatched, unopened and unclosed sections', () => {
		expect(render('{{#Front}}{{#Back}}{{/Front}}{{/Back}}', '', {Front: 'a', Back: 'b'}).error).toContain(
			"Found '{{/Front}}', but expected '{{/Back}}'",
		);
		expect(render('{{Front}}{{/Back}}', '', {Front: 'a', Back: 'b'}).error).toContain(
			"Found '{{/Back}}', but missing '{{#Back}}' or '{{^Back}}'",
		);
		expect(render('{{#Front}}x', '', {Front: 'a'}).error).toContain("Missing '{{/Front}}'");
	});
	it('still checks the children of a false section', () => {
		const r = render('{{Front}}{{#Back}}{{Nope}}{{/Back}}', '', {Front: 'a', Back: ''});
		expect(r.error).toContain("no field called 'Nope'");
	});
	it('cN sections are true only for the card being rendered', () => {
		const r = render('{{cloze:Text}}{{#c1}} one{{/c1}}{{#c2}} two{{/c2}}{{^c2}} not-two{{/c2}}', '', {Text: '{{c1::a}} {{c2::b}}'}, {kind: 'cloze', ord: 0});
		expect(r.q).toBe('[...] b one not-two');
	});
	it('comments pass through to the HTML but are not shown', () => {
		const r = render('{{Front}}<!-- {{Back}} -->', '', {Front: 'a', Back: 'b'});
		expect(r.questionHtml).toBe('a<!-- {{Back}} -->');
		expect(r.q).toBe('a');
	});
	it('renders alternate-delimiter templates', () => {
		expect(render('{{=<% %>=}}<%Front%> {{x}}', '', {Front: 'a'}).q).toBe('a {{x}}');
	});
});

describe('empty cards', () => {
	it('shows the blank-front message on both sides', () => {
		const r = render('{{Front}}', '{{Back}}', {Front: '<br> <div></div>', Back: 'b'});
		expect(r.isEmpty).toBe(true);
		expect(r.error).toBe('The front of this card is blank.');
		expect(r.q).toContain('The front of this card is blank.');
		expect(r.a).toContain('The front of this card is blank.');
		expect(r.a).not.toContain('b\n');
	});
	it('counts a field with &nbsp; or an attribute tag as content', () => {
		expect(render('{{Front}}', '', {Front: '&nbsp;'}).isEmpty).toBe(false);
		expect(render('{{Front}}', '', {Front: '<div class="x"></div>'}).isEmpty).toBe(false);
	});
	it('a negated section only counts when its field is empty', () => {
		expect(render('{{^Back}}{{Front}}{{/Back}}', '', {Front: 'f', Back: 'b'}).isEmpty).toBe(true);
		expect(render('{{^Back}}{{Front}}{{/Back}}', '', {Front: 'f', Back: ''}).isEmpty).toBe(false);
	});
	it('special fields make the front non-empty', () => {
		expect(render('{{Deck}}', '', {Front: ''}).isEmpty).toBe(false);
	});
	it('shows the missing-cloze message for a cloze card whose number is gone', () => {
		const r = render('{{cloze:Text}}', '{{cloze:Text}}', {Text: '{{c1::a}}'}, {kind: 'cloze', ord: 2});
		expect(r.isEmpty).toBe(true);
		expect(r.a).toContain('No cloze 3 found on card. Please either add a cloze deletion, or use the Empty Cards tool.');
		expect(r.error).toBe('No cloze 3 found on card. Please either add a cloze deletion, or use the Empty Cards tool.');
	});
});

describe('special fields', () => {
	const tmpl = '{{Tags}}|{{Type}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{CardFlag}}|{{CardID}}';
	it('fills Tags, Type, Deck, Subdeck, Card, CardFlag and CardID', () => {
		const r = render(tmpl, '', {Front: 'x'}, {tags: ['a', 'b'], deckName: 'Lang::Spanish', card: {flags: 3, id: 4242}});
		expect(r.q).toBe('a b|Test type|Lang::Spanish|Spanish|Card 1|flag3|4242');
	});
	it('a real field with the same name wins (except FrontSide)', () => {
		expect(render('{{Deck}}', '', {Deck: 'mine'}, {deckName: 'Other'}).q).toBe('mine');
	});
});
