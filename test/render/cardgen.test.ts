// Which cards exist for a note (rslib notetype/cardgen.rs).
import {describe, expect, it} from 'vitest';
import {cardOrdinalsForNote} from '../../source/core/render/index.js';
import {makeNote, makeNotetype} from './build.js';

const optionalReversed = makeNotetype(['Front', 'Back', 'Add Reverse'], [
	{qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}'},
	{qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}'},
]);

describe('card generation', () => {
	it('a section only counts when its field is non-empty (optional reversed card)', () => {
		expect(cardOrdinalsForNote(makeNote(['f', 'b', '']), optionalReversed)).toEqual([0]);
		expect(cardOrdinalsForNote(makeNote(['f', 'b', 'y']), optionalReversed)).toEqual([0, 1]);
	});
	it('a note always keeps card 0 when nothing renders', () => {
		expect(cardOrdinalsForNote(makeNote(['', '', '']), optionalReversed)).toEqual([0]);
	});
	it('a negated section counts only when its field is empty', () => {
		const nt = makeNotetype(['A', 'B'], [{qfmt: '{{A}}', afmt: ''}, {qfmt: '{{^A}}{{B}}{{/A}}', afmt: ''}]);
		expect(cardOrdinalsForNote(makeNote(['', 'b']), nt)).toEqual([1]);
		expect(cardOrdinalsForNote(makeNote(['a', 'b']), nt)).toEqual([0]);
	});
	it('Tags count when the note has tags; Deck, Card and the other special fields always count; FrontSide never', () => {
		const nt = makeNotetype(['A'], [
			{qfmt: '{{A}}', afmt: ''},
			{qfmt: '{{#Tags}}{{Tags}}{{/Tags}}', afmt: ''},
			{qfmt: '{{Deck}}', afmt: ''},
			{qfmt: '{{FrontSide}}', afmt: ''},
		]);
		expect(cardOrdinalsForNote(makeNote(['a'], ['t']), nt)).toEqual([0, 1, 2]);
		expect(cardOrdinalsForNote(makeNote(['a'], []), nt)).toEqual([0, 2]);
	});
	it('a real field named like a special field is judged by its content', () => {
		const nt = makeNotetype(['Deck', 'B'], [{qfmt: '{{B}}', afmt: ''}, {qfmt: '{{Deck}}', afmt: ''}]);
		expect(cardOrdinalsForNote(makeNote(['', 'b']), nt)).toEqual([0]);
		expect(cardOrdinalsForNote(makeNote(['d', 'b']), nt)).toEqual([0, 1]);
	});
	it('a template that does not parse generates nothing', () => {
		const nt = makeNotetype(['A'], [{qfmt: '{{A}}', afmt: ''}, {qfmt: '{{#A}}{{A}}', afmt: ''}]);
		expect(cardOrdinalsForNote(makeNote(['a']), nt)).toEqual([0]);
	});
	it('cloze notetypes: one card per cloze number in any field, c0 ignored', () => {
		const nt = makeNotetype(['Text', 'Extra'], [{qfmt: '{{cloze:Text}}', afmt: ''}], 'cloze');
		expect(cardOrdinalsForNote(makeNote(['{{c1::a}} {{c3,5::b}} {{c0::z}}', '{{c2::x}}']), nt)).toEqual([0, 1, 2, 4]);
		expect(cardOrdinalsForNote(makeNote(['no clozes', '']), nt)).toEqual([0]);
	});
});
