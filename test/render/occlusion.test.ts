// Image Occlusion as Anki renders and draws it: the cloze filter's data attributes (rslib
// imageocclusion.rs), the shapes the reviewer script draws on each side, the notetype's colours,
// the Image Occlusion Enhanced add-on's mask over its image, and the caption a terminal shows.
import {describe, expect, it} from 'vitest';
import {revealClozeText} from '../../source/core/render/index.js';
import {drawnShapes, findOcclusion, occlusionCaption, occlusionColors, occlusionShapes} from '../../source/core/render/occlusion.js';
import {makeCard, makeNote, makeNotetype, render} from './build.js';
import {ioBack, ioFront} from '../../scripts/lib/image-fixtures.js';
import {renderCard} from '../../source/core/render/index.js';
import {toPlainText} from '../../source/core/render/styled.js';

// The stock notetype's templates as Anki writes them (rslib image_occlusion/notetype.rs).
const [qfmt, afmt] = [ioFront, ioBack];

const occlusionField = [
	'{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}',
	'{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.05:oi=1}}',
	'{{c3::image-occlusion:polygon:left=.6:top=.1:points=.6,.1 .8,.1 .7,.3:oi=1}}',
	'{{c3::image-occlusion:rect:left=.05:top=.7:width=.1:height=.1:angle=2500:oi=1}}',
	'{{c0::image-occlusion:text:text=Label\\: one:left=.4:top=.9:scale=1:fs=.05}}',
].join('<br>');

function ioCard(ord: number, field = occlusionField, css = '') {
	const notetype = {...makeNotetype(['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'], [{qfmt, afmt}], 'cloze'), originalStockKind: 6, css};
	const rendered = renderCard({note: makeNote([field, '<img src="scan.png">', 'Bones', 'extra', '']), notetype, card: makeCard(ord), deckName: 'Default'});
	return {...rendered, q: toPlainText(rendered.question), a: toPlainText(rendered.answer)};
}

describe('the cloze filter on image-occlusion clozes', () => {
	it("writes Anki's data attributes: known keys only, escapes undone, zero sizes dropped, fs as data-font-size", () => {
		const html = revealClozeText('{{c1::image-occlusion:text:text=foo\\:bar:left=10:quality=9:width=0:fs=.05}}', 1, true);
		expect(html).toBe('<div class="cloze" data-ordinal="1" data-shape="text" data-text="foo&#x3A;bar" data-left="10" data-font-size=".05" ></div>');
		expect(revealClozeText('{{c1::image-occlusion:polygon:points=0,0 10,10 20,0}}', 1, true)).toContain('data-shape="polygon" data-points="0,0 10,10 20,0" ');
		expect(revealClozeText('{{c1::image-occlusion:rect:left=.1:oi=1}}', 1, true)).toContain('data-occludeInactive="1" ');
	});
});

describe('occlusion shapes', () => {
	it('reads each shape with its state: asked (cloze), another card (inactive), revealed (highlight)', () => {
		const question = occlusionShapes(revealClozeText(occlusionField, 3, true));
		expect(question.map((s) => [s.kind, s.state, s.ordinals.join()])).toEqual([
			['rect', 'inactive', '1'],
			['ellipse', 'inactive', '2'],
			['polygon', 'active', '3'],
			['rect', 'active', '3'],
			['text', 'active', '0'],
		]);
		const [, ellipse, polygon, rotated, text] = question;
		expect(ellipse).toMatchObject({left: 0.5, top: 0.5, rx: 0.1, ry: 0.05, occludeInactive: true});
		expect(polygon!.points).toEqual([[0.6, 0.1], [0.8, 0.1], [0.7, 0.3]]);
		expect(rotated!.angle).toBe(90);
		expect(text).toMatchObject({text: 'Label: one', fontSize: 0.05, scale: 1});
		const answer = occlusionShapes(revealClozeText(occlusionField, 3, false));
		expect(answer.filter((s) => s.state === 'highlight').map((s) => s.kind)).toEqual(['polygon', 'rect']);
	});

	it('draws inactive shapes only with oi=1 ("Hide One, Guess One" shows just the asked one)', () => {
		const hideOne = '{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}<br>{{c2::image-occlusion:rect:left=.5:top=.5:width=.1:height=.1}}';
		expect(drawnShapes(occlusionShapes(revealClozeText(hideOne, 1, true))).map((s) => s.ordinals[0])).toEqual([1]);
		expect(drawnShapes(occlusionShapes(revealClozeText(occlusionField, 1, true)))).toHaveLength(5);
	});

	it("takes the notetype CSS's mask colours, else Anki's defaults", () => {
		expect(occlusionColors('')).toMatchObject({active: '#ff8e8e', inactive: '#ffeba2', highlightBorder: {width: 1, color: '#ff8e8e'}});
		const css = '#image-occlusion-canvas {\n --active-shape-color: #00ff00;\n --active-shape-border: 3px #0000ff;\n}';
		expect(occlusionColors(css)).toMatchObject({active: '#00ff00', activeBorder: {width: 3, color: '#0000ff'}, inactive: '#ffeba2'});
	});
});

describe('an Image Occlusion card', () => {
	it('shows its image once, captioned with what it asks; the answer says what it revealed', () => {
		const card = ioCard(1);
		expect(card.q).toBe('Bones\n[image occlusion: 3 masks, asking 2]');
		expect(card.a).toBe('Bones\n[image occlusion: 3 masks, 2 revealed]\nextra');
		const [ref] = card.imageRefs.question;
		expect(ref).toMatchObject({name: 'scan.png', marker: '[image occlusion: 3 masks, asking 2]'});
		expect(ref!.occlusion).toMatchObject({kind: 'native', image: 'scan.png'});
		expect(card.imageRefs.answer[0]!.occlusion?.kind).toBe('native');
	});

	it('an Image Occlusion Enhanced card draws its question mask over the image, not beside it', () => {
		const ioeQ = '{{#Image}}<div id="io-header">{{Header}}</div><div id="io-wrapper"><div id="io-overlay">{{Question Mask}}</div><div id="io-original">{{Image}}</div></div>{{/Image}}';
		const ioeA = '{{#Image}}<div id="io-header">{{Header}}</div><div id="io-wrapper"><div id="io-overlay">{{Answer Mask}}</div><div id="io-original">{{Image}}</div></div>{{/Image}}';
		const card = render(ioeQ, ioeA, {
			Header: 'Skull',
			Image: '<img src="skull.jpg">',
			'Question Mask': '<img src="0a1b-ao-2-Q.svg">',
			'Answer Mask': '<img src="0a1b-ao-2-A.svg">',
		});
		expect(card.q).toBe('Skull\n[image occlusion (hide all, guess one): asking 2]');
		expect(card.imageRefs.question).toEqual([
			{name: 'skull.jpg', marker: '[image occlusion (hide all, guess one): asking 2]', occlusion: {kind: 'enhanced', image: 'skull.jpg', mask: '0a1b-ao-2-Q.svg'}},
		]);
		expect(card.imageRefs.answer[0]!.occlusion).toEqual({kind: 'enhanced', image: 'skull.jpg', mask: '0a1b-ao-2-A.svg'});
	});

	it('captions a card whose own shapes are missing without claiming to ask', () => {
		const occlusion = findOcclusion('<div id="image-occlusion-container"><img src="a.png"></div>', '', 'question', 4)!.occlusion;
		expect(occlusionCaption(occlusion, 'question', 4)).toBe('image occlusion: 0 masks');
	});
});

describe('image references', () => {
	it('carry the size the card gives and the source of LaTeX images', () => {
		const card = render('<img src="a.png" width="120" height="80"> <img src="b.png" style="width: 300px"> [$]x^2[/$]', '', {}, {mediaExists: () => true});
		expect(card.imageRefs.question.map((r) => [r.name, r.width, r.height])).toEqual([
			['a.png', 120, 80],
			['b.png', 300, undefined],
			[expect.stringMatching(/^latex-[0-9a-f]{40}\.png$/), undefined, undefined],
		]);
		expect(card.imageRefs.question[2]!.latex).toBe('$x^2$');
		expect(card.imageRefs.question[0]!.marker).toBe('[image: a.png]');
	});
});
