// Every card of every real Anki file in ../shared/fixtures/anki renders, with content checked.
import {readdirSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Card, Note, Notetype} from '../../source/core/model.js';
import {renderCard, toPlainText, type RenderedCard} from '../../source/core/render/index.js';
import {hasShared, noticeIfNoShared, sharedAnki, sharedFile} from '../helpers/shared.js';
import {loadFixture, type LoadedCollection} from './load-fixture.js';

noticeIfNoShared();

type Loaded = LoadedCollection & {cleanup: () => void};
interface Rendered {
	card: Card;
	note: Note;
	notetype: Notetype;
	result: RenderedCard;
	q: string;
	a: string;
}

function renderAll(c: Loaded): Rendered[] {
	// A card without its note cannot be shown (schema18-empty.anki2 holds one such orphan row).
	return c.cards.filter((card) => c.notes.has(card.nid)).map((card) => {
		const note = c.notes.get(card.nid)!;
		const notetype = c.notetypes.get(note.mid)!;
		const result = renderCard({note, notetype, card, deckName: c.deckNameFor(card), mediaExists: (name) => c.media.has(name)});
		return {card, note, notetype, result, q: toPlainText(result.question), a: toPlainText(result.answer)};
	});
}

const fixtures = hasShared ? readdirSync(sharedAnki).filter((f) => /\.(apkg|colpkg|anki2)$/.test(f)) : [];
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?\/?>/;
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ue000-\ue00f]/;

describe.skipIf(!hasShared)('every card of every shared fixture', () => {
	for (const file of fixtures) {
		it(`renders ${file}`, async () => {
			const c = await loadFixture(sharedFile(file));
			try {
				const all = renderAll(c);
				if (file === 'schema18-empty.anki2') expect(all).toHaveLength(0);
				else expect(all.length).toBeGreaterThan(0);
				for (const r of all) {
					const context = `${file} card ${r.card.id}`;
					for (const text of [r.q, r.a]) {
						expect(text, context).not.toMatch(UNSAFE);
						expect(text, context).not.toMatch(TAG);
						// `{{` survives only in Anki's own error messages or when the note itself contains it.
						if (text.includes('{{')) expect(r.result.error ?? r.note.fields.find((f) => f.includes('{{')), context).toBeTruthy();
					}
					expect(r.q.trim().length, context).toBeGreaterThan(0);
					expect(r.a.trim().length, context).toBeGreaterThan(0);
				}
			} finally {
				c.cleanup();
			}
		});
	}
});

describe.skipIf(!hasShared)('modern-cloze-audio.apkg', () => {
	let c: Loaded;
	let all: Rendered[];
	beforeAll(async () => {
		c = await loadFixture(sharedFile('modern-cloze-audio.apkg'));
		all = renderAll(c);
	});
	afterAll(() => c?.cleanup());

	it('has 7 cloze cards from 5 notes, each hiding exactly its own deletion', () => {
		expect(all).toHaveLength(7);
		expect(new Set(all.map((r) => r.note.id)).size).toBe(5);
		for (const r of all) {
			expect(r.notetype.kind).toBe('cloze');
			expect(r.q.match(/\[\.\.\.\]/g)).toHaveLength(1);
			expect(r.a).not.toContain('[...]');
		}
	});
	it('two-deletion notes: card 1 hides the women\'s form, card 2 the men\'s', () => {
		const cards = all.filter((r) => r.note.fields[0].includes('todas')).sort((x, y) => x.card.ord - y.card.ord);
		expect(cards.map((r) => r.q)).toEqual([
			'Take care everyone! (women): [...]\nTake care everyone! (men): ¡Cuida a todos!',
			'Take care everyone! (women): ¡Cuida a todas!\nTake care everyone! (men): [...]',
		]);
		// The revealed text is highlighted as a cloze on the answer, the other deletion is not.
		const answer = cards[1].result.answer.flat();
		expect(answer.find((s) => s.text === '¡Cuida a todos!')?.style.color).toBe('cloze');
		expect(answer.find((s) => s.text.includes('¡Cuida a todas!'))?.style.color).toBeUndefined();
	});
	it('collects the [sound:] files of the Extra field on the answer; they are in the package', () => {
		for (const r of all) {
			expect(r.result.sounds.question).toEqual([]);
			expect(r.result.sounds.answer.length).toBeGreaterThan(0);
			for (const sound of r.result.sounds.answer) {
				expect(sound.kind).toBe('sound');
				if (sound.kind === 'sound') {
					expect(c.media.has(sound.file)).toBe(true);
					expect(r.a).toContain(`[sound: ${sound.file}]`);
				}
			}
		}
		expect(new Set(all.flatMap((r) => r.result.sounds.answer.map((s) => (s.kind === 'sound' ? s.file : ''))))).toEqual(c.media);
	});
});

describe.skipIf(!hasShared)('template-edge-cases.apkg', () => {
	let c: Loaded;
	let all: Rendered[];
	const byNotetype = (name: string, ord?: number) => all.filter((r) => r.notetype.name === name && (ord === undefined || r.card.ord === ord));
	beforeAll(async () => {
		c = await loadFixture(sharedFile('template-edge-cases.apkg'));
		all = renderAll(c);
	});
	afterAll(() => c?.cleanup());

	it('renders all 146 cards of 48 notes', () => {
		expect(all).toHaveLength(146);
		expect(c.notes.size).toBe(48);
	});
	it('broken section order shows Anki\'s message on both sides, not a crash', () => {
		for (const r of byNotetype('Muscle', 2)) {
			expect(r.result.error).toBe("Front template has a problem: Found '{{/Origin}}', but expected '{{/Name}}'");
			expect(r.a).toBe(r.q);
		}
		for (const r of byNotetype('Muscle', 1)) expect(r.result.error).toContain("Found '{{/z}}', but expected '{{/Picture}}'");
		expect(byNotetype('Muscle', 2).length).toBeGreaterThan(0);
	});
	it('working templates of the same notetype still render', () => {
		const r = byNotetype('Muscle', 4).find((x) => x.note.fields[0] === 'Deltoid')!;
		expect(r.q).toBe('Which nerve acts on Deltoid?');
		expect(r.a.split('\n').at(-1)).toBe('Axillary');
	});
	it('a card in a filtered deck renders with its original deck', () => {
		const filtered = all.filter((r) => r.card.odid !== 0);
		expect(filtered.length).toBeGreaterThan(0);
		for (const r of filtered) expect(c.deckNameFor(r.card)).toBe('1-TEMPLATES::Anatomy');
	});
	it('a back template referring to unknown fields reports the back side', () => {
		for (const r of byNotetype('Basic-conditional')) {
			expect(r.result.error).toBe("Back template has a problem: Found '{{#Expression}}', but there is no field called 'Expression'");
		}
	});
	it('{{=<% %>=}} after a comment is not a directive: Anki reports it as a field', () => {
		for (const r of byNotetype('reassign')) expect(r.result.error).toContain("Found '{{=<% %>=}}', but there is no field called '=<% %>='");
	});
	it('negated sections and cN sections (multi-cloze conjugations)', () => {
		const yo = byNotetype('Conjugations Test Multi-Cloze').find((r) => r.note.fields[0] === 'Yo {{c1::como}}.')!;
		expect(yo.q).toBe('Yo [...].\n\nThe field was empty!');
		expect(yo.a).toBe('Yo como.\n/ʝo kˈomo/');
		const notEmpty = byNotetype('Conjugations Test Multi-Cloze').find((r) => r.note.fields[12] === 'NotEmpty!' && r.card.ord === 2)!;
		expect(notEmpty.q).toBe('Text[...]');
		expect(notEmpty.a).toBe('Textt3\n/i3/');
	});
	it('nested clozes over several lines, cloze with furigana', () => {
		const r = byNotetype('NestedClozeTest', 0)[0];
		expect(r.q).toBe(
			'This is a cloze that is defined over multiple lines: [...]\nThis is a kanji within a cloze: [...]\nThis is a kanji with furigana: 子(し)\nThis is a kanji in a cloze, with furigana: [...]',
		);
		expect(r.a).toContain('I am a cloze deletion\nthat contains\nmany lines');
		expect(r.a).toContain('This is a kanji in a cloze, with furigana: 子(し)');
	});
	it('a cloze card whose number no longer exists shows Anki\'s missing-cloze message', () => {
		const r = byNotetype('NestedClozeTest', 1)[0];
		expect(r.result.isEmpty).toBe(true);
		expect(r.a).toContain('No cloze 2 found on card.');
	});
	it('filter chains cloze:text and text:cloze, and type:cloze expects the active deletion', () => {
		const cards = byNotetype('TypingClozeTest');
		const first = cards.find((r) => r.card.ord === 0)!;
		expect(first.q).toContain('Cloze plaintext order 1: [...]\nCloze plaintext order 2: [...]');
		expect(first.a).toContain('Cloze plaintext order 1: Here is some html\nCloze plaintext order 2: Here is some html');
		expect(cards.find((r) => r.card.ord === 1)!.result.typeAnswer).toEqual({field: 'FuriCloze', expected: 'long', cloze: true});
		expect(cards.find((r) => r.card.ord === 3)!.result.typeAnswer?.expected).toBe('multiple');
	});
	it('hint and type on the misc notetype', () => {
		const hint = byNotetype('Basic-misc', 0)[0];
		expect(hint.q).toBe('Hint card\n[hint: Front]');
		expect(hint.result.hints[0].field).toBe('Front');
		expect(toPlainText(hint.result.hints[0].text)).toContain('There should be hidden text here:');
		const typing = byNotetype('Basic-misc', 1)[0];
		expect(typing.result.typeAnswer?.field).toBe('Front');
		// Mustache-style comments do not exist in Anki: it reports the tag as an unknown field.
		expect(byNotetype('Basic-misc', 2)[0].result.error).toContain("no field called '!Just a comment, I won't appear anywhere!'");
	});
	it('type answer inside a table template and sounds on both sides (Thai deck)', () => {
		const r = byNotetype('Thaischrift').find((x) => x.note.fields[0] === 'Konzert')!;
		expect(r.result.typeAnswer).toEqual({field: 'Thai', expected: 'คอนเสิร์ต', cloze: false});
		expect(r.q).toContain('| Konzert |');
		expect(r.result.sounds.question.map((s) => (s.kind === 'sound' ? s.file : ''))).toEqual(['google-a6a81cfa-fb92c434-5887e45a-910b861e-e2be4aef.mp3']);
		expect(r.result.sounds.answer).toHaveLength(2);
	});
});

describe.skipIf(!hasShared)('schema14-japanese-furigana.anki2', () => {
	let c: Loaded;
	let all: Rendered[];
	beforeAll(async () => {
		c = await loadFixture(sharedFile('schema14-japanese-furigana.anki2'));
		all = renderAll(c);
	});
	afterAll(() => c?.cleanup());

	it('renders all 4,110 cards', () => {
		expect(all).toHaveLength(4110);
	});
	it('kana: on the question, furigana (base plus reading) on the answer', () => {
		const ima = all.find((r) => r.notetype.name === 'Japanese' && r.note.fields[2] === '今[いま]' && r.card.ord === 0)!;
		expect(ima.q).toBe('いま');
		expect(ima.a).toBe('いま\n────────────────────────────────\n今(いま)\nnow');
		const reading = ima.result.answer.flat().find((s) => s.text === '(いま)');
		expect(reading?.style.color).toBe('furigana');
		expect(ima.result.questionHtml).toContain('いま');
		expect(ima.result.answerHtml).toContain('<ruby><rb>今</rb><rt>いま</rt></ruby>');
	});
	it('every furigana reading in the Japanese notes shows up after its base', () => {
		const japanese = all.filter((r) => r.notetype.name === 'Japanese' && r.card.ord === 0);
		let checked = 0;
		for (const r of japanese) {
			for (const m of r.note.fields[2].replace(/&nbsp;/g, ' ').matchAll(/ ?([^ >[\]]+?)\[([^\]]+?)\]/g)) {
				if (m[2].startsWith('sound:') || /[<>&]/.test(m[0])) continue;
				expect(r.a, `card ${r.card.id}`).toContain(`${m[1]}(${m[2]})`);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});
	it('[sound:] references whose files were never published still show a marker and are collected', () => {
		const withSound = all.filter((r) => r.result.sounds.answer.length > 0);
		expect(withSound.length).toBeGreaterThan(0);
		for (const r of withSound.slice(0, 50)) {
			for (const s of r.result.sounds.answer) if (s.kind === 'sound') expect(r.a).toContain(`[sound: ${s.file}]`);
		}
	});
});

describe.skipIf(!hasShared)('images', () => {
	it('modern-images.apkg: both JPEGs are placeholders, collected, and in the package media', async () => {
		const c = await loadFixture(sharedFile('modern-images.apkg'));
		try {
			const all = renderAll(c);
			const images = all.flatMap((r) => r.result.images);
			expect(new Set(images)).toEqual(c.media);
			expect(c.media.size).toBe(2);
			const fb = all.find((r) => r.result.images.includes('Image from Facebook (10).jpg'))!;
			expect(fb.q).toBe('[image: Image from Facebook (10).jpg]');
			expect(fb.a).toBe('[image: Image from Facebook (10).jpg]\n────────────────────────────────\nExample');
		} finally {
			c.cleanup();
		}
	});
	it('legacy-pasted-images.apkg: pasted images are all found in the media map', async () => {
		const c = await loadFixture(sharedFile('legacy-pasted-images.apkg'));
		try {
			const images = new Set(renderAll(c).flatMap((r) => r.result.images));
			expect(images.size).toBeGreaterThan(20);
			expect([...images].filter((name) => /^paste-[0-9a-f]+\.(jpg|png)$/.test(name)).length).toBeGreaterThan(10);
			for (const image of images) expect(c.media.has(image), image).toBe(true);
		} finally {
			c.cleanup();
		}
	});
});

describe.skipIf(!hasShared)('anki21-stock-notetypes-media.apkg', () => {
	it('all five stock notetypes render as Anki shows them', async () => {
		const c = await loadFixture(sharedFile('anki21-stock-notetypes-media.apkg'));
		try {
			const all = renderAll(c);
			const get = (name: string, ord = 0) => all.find((r) => r.notetype.name === name && r.card.ord === ord)!;
			expect(get('Basic (and reversed card)', 1).q).toBe('Basic (and reversed card) back');
			expect(get('Basic (optional reversed card)', 1).q).toBe('Basic (optional reversed card) back');
			expect(get('Basic (type in the answer)').result.typeAnswer).toEqual({field: 'Back', expected: 'Basic (type in the answer) back', cloze: false});
			expect(get('Cloze').q).toBe('Cloze text. Canberra was founded in [...].');
			expect(get('Cloze').a).toBe('Cloze text. Canberra was founded in 1913.\nCloze extra');
			const wav = all.find((r) => r.note.fields[0].includes('bloop.wav'))!;
			expect(wav.result.sounds.question).toEqual([{kind: 'sound', file: 'bloop.wav'}]);
			expect(c.media.has('bloop.wav')).toBe(true);
		} finally {
			c.cleanup();
		}
	});
});

describe.skipIf(!hasShared)('fast converter and turndown agree on real cards', () => {
	for (const file of ['template-edge-cases.apkg', 'legacy-pasted-images.apkg', 'anki21-stock-notetypes-media.apkg', 'modern-cloze-audio.apkg']) {
		it(file, async () => {
			const {htmlToStyled} = await import('../../source/core/render/html-to-terminal.js');
			const {convertHtmlFast} = await import('../../source/core/render/html-fast.js');
			const c = await loadFixture(sharedFile(file));
			try {
				let compared = 0;
				for (const r of renderAll(c)) {
					for (const html of [r.result.questionHtml, r.result.answerHtml]) {
						if (convertHtmlFast(html, {images: []}) === undefined) continue;
						expect(toPlainText(htmlToStyled(html)), `card ${r.card.id}`).toBe(toPlainText(htmlToStyled(html, {forceTurndown: true})));
						compared++;
					}
				}
				expect(compared).toBeGreaterThan(5);
			} finally {
				c.cleanup();
			}
		});
	}
});
