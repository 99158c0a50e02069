// Card HTML to styled terminal lines.
import {describe, expect, it} from 'vitest';
import {htmlToStyled, toPlainText, type StyledText} from '../../source/core/render/index.js';
import {readableTex} from '../../source/core/render/mathjax.js';

const plain = (html: string, options = {}) => toPlainText(htmlToStyled(html, options));
const spans = (styled: StyledText) => styled.flat();

describe('html to terminal', () => {
	it('turns <br> and <div> into line breaks the way a browser shows them', () => {
		expect(plain('a<br>b<div>c</div><div><br></div><div>d</div>')).toBe('a\nb\nc\n\nd');
	});
	it('collapses whitespace and decodes entities', () => {
		expect(plain('  a \n\n b&nbsp;&amp;&lt;c&gt; &eacute;&#8364;&#x41;')).toBe('a b &<c> é€A');
	});
	it('draws <hr id=answer> as a separator line', () => {
		const styled = htmlToStyled('Q<hr id=answer>A');
		expect(styled).toHaveLength(3);
		expect(styled[1][0]).toMatchObject({slot: 'rule', style: {color: 'separator'}});
		expect(styled[1][0].text).toMatch(/^─+$/);
	});
	it('keeps bold, italic, underline and strike as styles', () => {
		const s = spans(htmlToStyled('<b>b</b><i>i</i><u>u</u><s>s</s><span style="font-weight: bold; font-style: italic">bi</span>'));
		expect(s.map((x) => [x.text, x.style])).toEqual([
			['b', {bold: true}],
			['i', {italic: true}],
			['u', {underline: true}],
			['s', {strike: true}],
			['bi', {bold: true, italic: true}],
		]);
	});
	it('keeps meaningful inline colours, drops black/white/grey', () => {
		const s = spans(htmlToStyled('<font color="#00f">b</font><span style="color: rgb(0, 0, 0)">k</span><span style="color:red">r</span>'));
		expect(s.map((x) => x.style.color)).toEqual(['#0000ff', undefined, '#ff0000']);
	});
	it('keeps highlighter backgrounds (not white) and draws them with dark text', async () => {
		const {toAnsi} = await import('../../source/core/render/index.js');
		const styled = htmlToStyled('<span style="background-color: rgb(255, 255, 0);">key</span> <span style="background-color: rgb(255, 255, 255)">plain</span>');
		expect(spans(styled).map((x) => [x.text, x.style.background])).toEqual([['key', '#ffff00'], [' plain', undefined]]);
		expect(toAnsi(styled, {color: true})).toBe('\u001b[30;48;2;255;255;0mkey\u001b[0m plain');
	});
	it('shows ruby as base text followed by the reading', () => {
		expect(plain('<ruby><rb>漢字</rb><rt>かんじ</rt></ruby>です')).toBe('漢字(かんじ)です');
		expect(plain('<ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp></ruby>')).toBe('東(とう)');
	});
	it('turns <sub>/<sup> into Unicode where possible', () => {
		expect(plain('H<sub>2</sub>O, x<sup>2</sup>, e<sup>iπ</sup>')).toBe('H₂O, x², e^(iπ)');
	});
	it('lists, nested lists and ordered lists', () => {
		expect(plain('<ul><li>one</li><li>two<ul><li>deep</li></ul></li></ul><ol start="3"><li>c</li><li>d</li></ol>')).toBe(
			'• one\n• two\n  • deep\n3. c\n4. d',
		);
	});
	it('tables through the GFM plugin', () => {
		expect(plain('<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2<br>3</td></tr></table>')).toBe(
			'| A   | B   |\n| --- | --- |\n| 1   | 2 3 |',
		);
	});
	it('code blocks keep indentation and are highlighted by language', () => {
		const styled = htmlToStyled('<pre><code class="language-python">def f(x):\n    return 1</code></pre>');
		expect(toPlainText(styled)).toBe('def f(x):\n    return 1');
		const keyword = spans(styled).find((s) => s.text === 'def');
		expect(keyword?.style.color).toBe('code-keyword');
		expect(spans(htmlToStyled('<code>x = 1</code>'))[0].style.color).toBe('code');
	});
	it('images become placeholders and are collected', () => {
		const images: string[] = [];
		expect(plain('<img src="cat%20.jpg"> <img src=\'a&amp;b.png\' />', {images})).toBe('[image: cat%20.jpg] [image: a&b.png]');
		expect(images).toEqual(['cat%20.jpg', 'a&b.png']);
	});
	it('reads attributes quoted, unquoted, upper-case and with entities', () => {
		const images: string[] = [];
		expect(plain('<IMG SRC=up.png><img alt="x > y" src="q&quot;.png"><font color=red>r</font>', {images})).toBe('[image: up.png][image: q".png]r');
		expect(images).toEqual(['up.png', 'q".png']);
		expect(spans(htmlToStyled('<FONT COLOR="#00ff00">g</FONT>'))[0].style.color).toBe('#00ff00');
	});
	it('LaTeX images show the source when the PNG is absent', () => {
		const html = '<img class=latex alt="$x^2$" src="latex-abc.png">';
		expect(plain(html, {mediaExists: () => false})).toBe('$x^2$');
		expect(plain(html, {mediaExists: () => true})).toBe('[image: latex-abc.png]');
	});
	it('MathJax shows readable TeX', () => {
		expect(plain('Area: \\(\\pi r^2\\)')).toBe('Area: π r²');
		expect(plain('\\[\\frac{a}{b} \\leq \\sqrt{x}\\]')).toBe('a/b ≤ √x');
		expect(readableTex('\\alpha_{1} + \\beta^{n+1} \\times \\mathbb{R}')).toBe('α₁ + βⁿ⁺¹ × ℝ');
	});
	it('hidden elements, <style> and <script> show nothing', () => {
		expect(plain('a<div style="display: none">secret</div><style>.x{}</style><script>alert(1)</script>b')).toBe('a\nb');
	});
	it('links show their text, and the address when it differs', () => {
		expect(plain('<a href="https://example.org">site</a>')).toBe('site (https://example.org)');
	});
	it('leaves no HTML tags behind, whichever converter runs', () => {
		const html = '<h1>T</h1><p>p</p><blockquote>q</blockquote><dl><dt>t</dt><dd>d</dd></dl><custom-tag>c</custom-tag>';
		const text = plain(html);
		expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
		expect(text).toBe('T\n\np\n\n│ q\n\nt\n  d\nc');
	});
	it('the fast path and turndown agree on editor HTML', () => {
		const samples = [
			'<div>one <b>two</b></div><div><br></div><div>three<br>four</div>',
			'text <i>it</i> <u>u</u> <span class="cloze" data-ordinal="1">[...]</span><hr id=answer>answer',
			'<ruby><rb>漢字</rb><rt>かんじ</rt></ruby> H<sub>2</sub>O <img src="x.png">',
			'<p>para one</p><p>para two</p>',
		];
		for (const html of samples) {
			expect(toPlainText(htmlToStyled(html, {forceTurndown: true}))).toBe(toPlainText(htmlToStyled(html)));
		}
	});
});

describe('image occlusion', () => {
	it('shows one marker per mask: hidden, revealed and inactive shapes differ', async () => {
		const {revealClozeText} = await import('../../source/core/render/index.js');
		const text = '{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}{{c2::image-occlusion:ellipse:left=.5:top=.5:width=.1:height=.1}}';
		const question = revealClozeText(text, 1, true);
		expect(question).toContain('<div class="cloze" data-ordinal="1" data-shape="rect" data-left=".1"');
		expect(plain(question)).toBe('[mask 1: rect]\n[2: ellipse]');
		expect(plain(question, {forceTurndown: true})).toBe('[mask 1: rect]\n[2: ellipse]');
		expect(plain(revealClozeText(text, 1, false))).toBe('[revealed 1: rect]\n[2: ellipse]');
	});
});
