// "Type in the answer": marker handling and the comparison shown on the answer.
import {describe, expect, it} from 'vitest';
import {typeAnswerCompare, typeAnswerStyled} from '../../source/core/render/index.js';
import type {DiffSegment} from '../../source/core/render/index.js';
import {render} from './build.js';

const good = (text: string): DiffSegment => ({kind: 'good', text});
const bad = (text: string): DiffSegment => ({kind: 'bad', text});
const missing = (text: string): DiffSegment => ({kind: 'missing', text});

describe('type answer', () => {
	it('finds the field, strips HTML and sound tags from the expected text', () => {
		const r = render('{{Front}}\n\n{{type:Back}}', '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}', {Front: 'dog', Back: '<b>perro</b> [sound:perro.mp3]'});
		expect(r.typeAnswer).toEqual({field: 'Back', expected: 'perro', cloze: false});
		const slot = r.question.flat().find((s) => s.slot === 'type-answer');
		expect(slot?.text).toBe('[type answer]');
		const answerSlot = r.answer.flat().find((s) => s.slot === 'type-answer');
		expect(answerSlot?.text).toBe('perro');
	});
	it('a marker only on the back is removed, as Anki does without one on the front', () => {
		const r = render('{{Front}}', '{{Front}} {{type:Back}}', {Front: 'f', Back: 'b'});
		expect(r.typeAnswer).toBeUndefined();
		expect(r.a).toBe('f');
	});
	it('line breaks in the expected text become spaces', () => {
		const r = render('{{Front}} {{type:Back}}', '', {Front: 'f', Back: 'one<br>two<div>three</div>'});
		expect(r.typeAnswer?.expected).toBe('one two three');
	});
	it('an unknown field gives Anki\'s inline message', () => {
		const r = render('{{Front}} [[type:Nope]]', '', {Front: 'x'});
		expect(r.q).toBe('x Type answer: unknown field Nope');
		expect(r.typeAnswer).toBeUndefined();
	});
	it("compares as Anki: difflib's opcodes, a '-' in the typed line for each character left out", () => {
		expect(typeAnswerCompare('perro', 'perro')).toEqual({correct: true, typed: [], expected: [good('perro')]});
		expect(typeAnswerCompare('perro', 'pero!')).toEqual({
			correct: false,
			typed: [good('per'), missing('-'), good('o'), bad('!')],
			expected: [good('per'), missing('r'), good('o')],
		});
		// What was typed is compared as typed: a trailing space is a difference, as in Anki.
		expect(typeAnswerCompare('perro', 'perro ').typed).toEqual([good('perro'), bad(' ')]);
	});
	it('nc: compares without combining marks, and the expected text keeps its accents', () => {
		expect(typeAnswerCompare('café', 'cafe', {ignoreCombining: true})).toEqual({correct: true, typed: [], expected: [good('café')]});
		expect(typeAnswerCompare('café', 'café', {ignoreCombining: true}).correct).toBe(true);
		// A wrong answer shows the expected side's letters with their marks (decomposed, as Anki's NFKD).
		expect(typeAnswerCompare('café', 'cafx', {ignoreCombining: true})).toEqual({
			correct: false,
			typed: [good('caf'), bad('x')],
			expected: [good('caf'), missing('e\u0301')],
		});
		// Without nc, accents count, and composed and decomposed forms are the same (NFC).
		expect(typeAnswerCompare('café', 'cafe').correct).toBe(false);
		expect(typeAnswerCompare('café', 'cafe\u0301').correct).toBe(true);
	});
	it('nothing typed: the expected text alone, unmarked', () => {
		expect(typeAnswerCompare('123', '')).toEqual({correct: false, typed: [], expected: [{kind: 'plain', text: '123'}]});
		expect(typeAnswerStyled(typeAnswerCompare('123', ''))).toEqual([[{text: '123', style: {}}]]);
	});
	it('styles the comparison as typed / arrow / expected', () => {
		const lines = typeAnswerStyled(typeAnswerCompare('ab', 'ax'));
		expect(lines.map((l) => l.map((s) => s.text).join(''))).toEqual(['ax', '↓', 'ab']);
		expect(lines[0][1].style.color).toBe('bad');
		expect(lines[2][1].style.color).toBe('missing');
	});
});
