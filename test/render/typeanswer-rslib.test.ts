// Anki's own type-answer cases (rslib typeanswer.rs tests): the same inputs, and the same tokens in
// the same order, as segments instead of HTML spans.
import {describe, expect, it} from 'vitest';
import {stripExpected, typeAnswerCompare, type DiffSegment} from '../../source/core/render/type-answer.js';

const good = (text: string): DiffSegment => ({kind: 'good', text});
const bad = (text: string): DiffSegment => ({kind: 'bad', text});
const missing = (text: string): DiffSegment => ({kind: 'missing', text});

describe('type answer, as rslib typeanswer.rs', () => {
	it('tokens: a Spanish sentence with a missing accent, a missing space and missing punctuation', () => {
		const c = typeAnswerCompare('¿Y ahora qué vamos a hacer?', 'y ahora qe vamosa hacer');
		expect(c.typed).toEqual([bad('y'), good(' ahora q'), bad('e'), good(' vamos'), missing('-'), good('a hacer'), missing('-')]);
		expect(c.expected).toEqual([missing('¿Y'), good(' ahora q'), missing('ué'), good(' vamos'), missing(' '), good('a hacer'), missing('?')]);
	});

	it('html_and_media: sound tags and HTML go, &nbsp; is a space', () => {
		const stripped = stripExpected('[sound:foo.mp3]<b>1</b> &nbsp;2');
		expect(stripped).toBe('1  2');
		expect(typeAnswerCompare(stripped, '1  2')).toEqual({correct: true, typed: [], expected: [good('1  2')]});
		// TTS tags go as well
		expect(stripExpected('[anki:tts lang=en_US]hello[/anki:tts]world')).toBe('world');
	});

	it('missed characters are shown in the typed line only after a good part', () => {
		expect(typeAnswerCompare('1', '23').typed).toEqual([bad('23')]);
		expect(typeAnswerCompare('12', '1').typed).toEqual([good('1'), missing('-')]);
	});

	it('missed characters are counted in characters, not bytes', () => {
		expect(typeAnswerCompare('нос', 'нс').typed).toEqual([good('н'), missing('-'), good('с')]);
	});

	it('Hangul syllables compare as whole characters', () => {
		expect(typeAnswerCompare('쓰다듬다', '스다뜸다').typed).toEqual([bad('스'), good('다'), bad('뜸'), good('다')]);
	});

	it('long unrelated Cyrillic and Latin text compares without trouble', () => {
		const c = typeAnswerCompare(
			'Сущность должна быть ответственна только за одно дело',
			'Single responsibility Сущность выполняет только одну задачу.Повод для изменения сущности только один.',
		);
		expect(c.correct).toBe(false);
		// every typed character is accounted for, in order
		expect(c.typed.filter((s) => s.kind !== 'missing').map((s) => s.text).join('')).toBe(
			'Single responsibility Сущность выполняет только одну задачу.Повод для изменения сущности только один.',
		);
	});

	it('tags_removed: <div>123</div> is 123', () => {
		const stripped = stripExpected('<div>123</div>');
		expect(stripped).toBe('123');
		expect(typeAnswerCompare(stripped, '123')).toEqual({correct: true, typed: [], expected: [good('123')]});
	});

	it('empty input shows the expected text unmarked', () => {
		expect(typeAnswerCompare(stripExpected('<div>123</div>'), '')).toEqual({correct: false, typed: [], expected: [{kind: 'plain', text: '123'}]});
	});

	it('a correct answer is one good part, text kept literally (<dir> is not markup)', () => {
		expect(typeAnswerCompare('source <dir>/bin/activate', 'source <dir>/bin/activate')).toEqual({
			correct: true,
			typed: [],
			expected: [good('source <dir>/bin/activate')],
		});
		expect(typeAnswerCompare('123', '123')).toEqual({correct: true, typed: [], expected: [good('123')]});
	});

	it('an incorrect answer shows both lines', () => {
		expect(typeAnswerCompare('123', '1123')).toEqual({correct: false, typed: [bad('1'), good('123')], expected: [good('123')]});
	});

	it('noncombining comparison (nc): Hebrew points and Japanese dakuten are ignored but shown', () => {
		const shinun = '\u05E9\u05C1\u05B4\u05E0\u05BC\u05D5\u05BC\u05DF';
		expect(typeAnswerCompare(shinun, '\u05E9\u05E0\u05D5\u05DF', {ignoreCombining: true})).toEqual({correct: true, typed: [], expected: [good(shinun)]});
		expect(typeAnswerCompare('\u05D7\u05D5\u05B9\u05E3', '\u05D7\u05D5\u05E4', {ignoreCombining: true})).toEqual({
			correct: false,
			typed: [good('\u05D7\u05D5'), bad('\u05E4')],
			expected: [good('\u05D7\u05D5\u05B9'), missing('\u05E3')],
		});
		expect(typeAnswerCompare('ば', 'は', {ignoreCombining: true})).toEqual({correct: true, typed: [], expected: [good('ば')]});
	});

	it('a part that starts with a combining mark gets a no-break space, so it stays apart', () => {
		// e + acute typed as two characters where the expected has e alone: NFC cannot compose
		// "x" + U+0301, so the mark starts its own part.
		const c = typeAnswerCompare('ax', 'ax\u0301');
		expect(c.typed).toEqual([good('ax'), bad('\u00a0\u0301')]);
	});
});
