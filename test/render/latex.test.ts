// LaTeX tags become Anki's generated image names (vectors from rslib latex.rs tests).
import {describe, expect, it} from 'vitest';
import {replaceLatex} from '../../source/core/render/latex.js';
import {render} from './build.js';

describe('latex', () => {
	it('[latex] keeps line breaks and hashes the stripped source', () => {
		expect(replaceLatex('a[latex]one<br>and<div>two[/latex]b', false)).toBe(
			'a<img class=latex alt="one&#x0A;and&#x0A;two" src="latex-ef30b3f4141c33a5bf7044b0d1961d3399c05d50.png">b',
		);
	});
	it('[$] and [$$] wrap the math, drop breaks, decode entities; svg when the notetype says so', () => {
		expect(replaceLatex('[$]<b>hello</b>&nbsp; world[/$]', true)).toContain('src="latex-060219fbf3ddb74306abddaf4504276ad793b029.svg"');
		expect(replaceLatex('[$$]math &amp; stuff[/$$]', false)).toContain('src="latex-8899f3f849ffdef6e4e9f2f34a923a1f608ebc07.png"');
	});
	it('uses the generated image when the package has it, else shows the source', () => {
		const name = 'latex-ef30b3f4141c33a5bf7044b0d1961d3399c05d50.png';
		const present = render('{{Front}}', '', {Front: '[latex]one<br>and<div>two[/latex]'}, {mediaExists: (n) => n === name});
		expect(present.q).toBe(`[image: ${name}]`);
		expect(present.images).toEqual([name]);
		const absent = render('{{Front}}', '', {Front: '[latex]one<br>and<div>two[/latex]'}, {mediaExists: () => false});
		expect(absent.q).toBe('one\nand\ntwo');
		expect(absent.images).toEqual([]);
	});
});
