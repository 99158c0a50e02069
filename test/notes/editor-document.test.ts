// The editor document: what is written reads back exactly, untouched fields are recognised whatever
// they hold, and a document that does not read is explained on top of the user's own text.
import {describe, expect, it} from 'vitest';
import {parseDocument, renderDocument, standardComments, withProblems, type DocumentLayout} from '../../source/core/notes/editor-document.js';

const layout: DocumentLayout = {fieldNames: ['Front', 'Back'], deck: false};
const withDeck: DocumentLayout = {fieldNames: ['Front', 'Back'], deck: true};

function written(fields: string[], tags: string[] = [], deck?: string, l = layout): string {
	return renderDocument(l, {comments: standardComments('Editing note 1 (Basic).'), fields, tags, ...(deck ? {deck} : {})});
}

describe('editor document', () => {
	it('shows each field under its header, then the tags and the deck', () => {
		const text = written(['<b>front</b>', 'back'], ['a', 'b'], 'Default', withDeck);
		expect(text.split('\n').filter(line => !line.startsWith('#'))).toEqual(['<b>front</b>', 'back', 'a b', 'Default', '']);
		expect(text).toContain('## Front\n<b>front</b>\n## Back\nback\n## Tags\na b\n## Deck\nDefault\n');
		expect(text.startsWith('# Editing note 1 (Basic).\n')).toBe(true);
	});

	it.each([
		['plain', ['front', 'back']],
		['empty fields', ['', '']],
		['trailing and inner newlines', ['line 1\nline 2\n', '\n\n']],
		['CRLF and control characters', ['a\r\nb\u0001', 'tab\there']],
		['lines that look like comments or headers', ['# not a comment\n## Tags\n## Back', '## Front']],
		['HTML as Anki stores it', ['<div>x&nbsp;y</div><br><img src="a.jpg">', '{{c1::z}}']],
	])('reads back %s exactly, every section untouched', (_name, fields) => {
		const text = written(fields, ['t1', 't2']);
		const parsed = parseDocument(layout, text, text);
		expect(parsed.kind).toBe('content');
		if (parsed.kind !== 'content') return;
		expect(parsed.untouched).toEqual([true, true]);
		expect(parsed.content.fields).toEqual(fields.map(f => f.replace(/\r\n/g, '\n')));
		expect(parsed.content.tags).toEqual(['t1', 't2']);
	});

	it('a header-like line inside a field makes the document use longer headers', () => {
		const text = written(['x\n## Back\ny', 'z']);
		expect(text).toContain('### Front\n');
		const parsed = parseDocument(layout, text.replace('\nz\n', '\nZ\n'), text);
		expect(parsed).toMatchObject({kind: 'content', content: {fields: ['x\n## Back\ny', 'Z']}, untouched: [true, false]});
	});

	it('reports which fields the user changed; the editor may drop the final newline or use CRLF', () => {
		const text = written(['front', 'back'], ['a']);
		const edited = text.replace('\nback\n', '\nnew back\n').replace(/\n$/, '').replace(/\n/g, '\r\n');
		expect(parseDocument(layout, edited, text)).toMatchObject({
			kind: 'content',
			content: {fields: ['front', 'new back'], tags: ['a']},
			untouched: [true, false],
		});
	});

	it('an emptied document, or one with only comments, cancels', () => {
		const text = written(['front', 'back']);
		expect(parseDocument(layout, '', text)).toEqual({kind: 'cancelled'});
		expect(parseDocument(layout, '\n  \n', text)).toEqual({kind: 'cancelled'});
		expect(parseDocument(layout, '# only\n# comments\n', text)).toEqual({kind: 'cancelled'});
	});

	it.each([
		['a header removed', (t: string) => t.replace('## Back\n', ''), 'the "## Back" line is missing'],
		['headers swapped', (t: string) => t.replace('## Front', '## Back').replace('## Back\nback', '## Front\nback'), 'the first section must be "## Front"'],
		['text before the first header', (t: string) => `hello\n${t}`, 'must be a comment'],
		['no header at all', () => 'just text\n', 'no "## Front" line was found'],
	])('%s: the problem is reported', (_name, edit, problem) => {
		const text = written(['front', 'back']);
		const parsed = parseDocument(layout, edit(text), text);
		expect(parsed.kind).toBe('invalid');
		if (parsed.kind === 'invalid') expect(parsed.problem).toContain(problem);
	});

	it('puts problems on top of the user text, replacing the previous ones, and the result still reads', () => {
		const text = written(['front', 'back']);
		const once = withProblems(`${text}extra`, ['first problem']);
		expect(once.startsWith('# ERROR: first problem\n#\n# Editing note 1')).toBe(true);
		const twice = withProblems(once, ['second problem']);
		expect(twice.startsWith('# ERROR: second problem\n#\n# Editing note 1')).toBe(true);
		expect(twice).not.toContain('first problem');
		expect(parseDocument(layout, twice, text)).toMatchObject({kind: 'content', content: {tags: ['extra']}});
	});

	it('the deck section is one non-empty line', () => {
		const text = written(['f', 'b'], [], 'Default', withDeck);
		expect(parseDocument(withDeck, text.replace('\nDefault\n', '\nSpanish::Verbs\n'), text)).toMatchObject({content: {deck: 'Spanish::Verbs'}});
		expect(parseDocument(withDeck, text.replace('\nDefault\n', '\n\n'), text)).toMatchObject({kind: 'invalid'});
		expect(parseDocument(withDeck, text.replace('\nDefault\n', '\nA\nB\n'), text)).toMatchObject({kind: 'invalid'});
	});
});
