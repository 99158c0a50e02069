// "Type in the answer": marker handling and the comparison shown on the answer.
import {describe, expect, it} from 'vitest';
import {typeAnswerCompare, typeAnswerStyled} from '../../source/core/render/index.js';
import {render} from './build.js';

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
	it('compares character by character', () => {
		expect(typeAnswerCompare('perro', 'perro')).toEqual({correct: true, typed: [{kind: 'good', text: 'perro'}], expected: [{kind: 'good', text: 'perro'}]});
		const c = typeAnswerCompare('perro', 'pero!');
		expect(c.correct).toBe(false);
		expect(c.typed).toEqual([{kind: 'good', text: 'pero'}, {kind: 'bad', text: '!'}]);
		expect(c.expected).toEqual([{kind: 'good', text: 'per'}, {kind: 'missing', text: 'r'}, {kind: 'good', text: 'o'}]);
	});
	it('nc: ignores accents; NFC makes composed and decomposed equal', () => {
		expect(typeAnswerCompare('café', 'cafe', {ignoreCombining: true}).correct).toBe(true);
		expect(typeAnswerCompare('café', 'cafe\u0301').correct).toBe(true);
		expect(typeAnswerCompare('café', 'cafe').correct).toBe(false);
	});
	it('styles the comparison as typed / arrow / expected', () => {
		const lines = typeAnswerStyled(typeAnswerCompare('ab', 'ax'));
		expect(lines.map((l) => l.map((s) => s.text).join(''))).toEqual(['ax', '↓', 'ab']);
		expect(lines[0][1].style.color).toBe('bad');
		expect(lines[2][1].style.color).toBe('missing');
	});
});
