// Template filters (rslib template_filters.rs).
import {describe, expect, it} from 'vitest';
import {furiganaFilter, kanaFilter, kanjiFilter, stripHtml} from '../../source/core/render/index.js';
import {render} from './build.js';

describe('filters', () => {
	it('text: strips tags, style/script content and comments, decodes entities', () => {
		expect(stripHtml('<b>a</b><style>x{}</style><!-- c -->&amp;&nbsp;b<script>1</script>')).toBe('a& b');
		expect(render('{{text:Front}}', '', {Front: '<i>x</i> &lt;y&gt;'}).questionHtml).toBe('x <y>');
	});
	it('applies chains right to left', () => {
		// cloze first, then text: the cloze span is stripped, leaving [...]
		expect(render('{{text:cloze:Text}}', '', {Text: '<b>{{c1::a}}</b>'}, {kind: 'cloze'}).questionHtml).toBe('[...]');
		// text first: the cloze still works on plain text
		expect(render('{{cloze:text:Text}}', '', {Text: '<b>{{c1::a}}</b>'}, {kind: 'cloze'}).questionHtml).toContain('data-cloze="a"');
	});
	it('furigana, kanji and kana', () => {
		expect(furiganaFilter('日本[にほん] 語[ご]')).toBe('<ruby><rb>日本</rb><rt>にほん</rt></ruby><ruby><rb>語</rb><rt>ご</rt></ruby>');
		expect(kanjiFilter('日本[にほん]語[ご]')).toBe('日本語');
		expect(kanaFilter('日本[にほん]語[ご]')).toBe('にほんご');
		expect(furiganaFilter('犬[sound:dog.mp3]')).toBe('犬[sound:dog.mp3]');
		expect(render('{{furigana:F}}', '', {F: '漢字[かんじ]'}).q).toBe('漢字(かんじ)');
	});
	it('hint: a link with the field name, the text hidden until asked', () => {
		const r = render('{{hint:Extra}}', '', {Extra: 'secret <b>tip</b>'});
		expect(r.q).toBe('[hint: Extra]');
		expect(r.q).not.toContain('secret');
		expect(r.hints).toHaveLength(1);
		expect(r.hints[0].field).toBe('Extra');
		expect(r.hints[0].text.flat().map((s) => s.text).join('')).toBe('secret tip');
		expect(render('{{Front}}{{hint:Extra}}', '', {Front: 'f', Extra: ' '}).questionHtml).toBe('f ');
	});
	it('type: leaves the marker, ignoring other filters; type:cloze and type:nc are special', () => {
		expect(render('{{Front}}{{type:Back}}', '', {Front: 'f', Back: 'b'}).questionHtml).toBe('f[[type:Back]]');
		expect(render('{{Front}}{{type:text:Back}}', '', {Front: 'f', Back: 'b'}).questionHtml).toBe('f[[type:Back]]');
		expect(render('{{Front}}{{type:nc:Back}}', '', {Front: 'f', Back: 'b'}).questionHtml).toBe('f[[type:nc:Back]]');
	});
	it('tts wraps the text in an [anki:tts] tag that is collected, not shown', () => {
		const r = render('{{Front}} {{tts en_US voices=Apple_Samantha speed=1.2:Front}}', '', {Front: 'hello'});
		expect(r.questionHtml).toBe('hello [anki:tts lang=en_US voices=Apple_Samantha speed=1.2]hello[/anki:tts]');
		expect(r.sounds.question).toEqual([
			{kind: 'tts', lang: 'en_US', voices: ['Apple_Samantha'], speed: 1.2, text: 'hello', options: {lang: 'en_US', voices: 'Apple_Samantha', speed: '1.2'}},
		]);
		expect(r.q).toBe('hello [TTS: en_US]');
	});
	it('an unknown filter leaves the text unchanged (and stops the chain, as desktop Anki does)', () => {
		expect(render('{{nosuch:Front}}', '', {Front: '<b>x</b>'}).questionHtml).toBe('<b>x</b>');
		expect(render('{{text:nosuch:Front}}', '', {Front: '<b>x</b>'}).questionHtml).toBe('<b>x</b>');
	});
	it('empty filter segments are ignored', () => {
		expect(render('{{text::Front}}', '', {Front: '<b>x</b>'}).questionHtml).toBe('x');
	});
});
