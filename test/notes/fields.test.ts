// What Anki derives from fields: normalization, HTML stripping with media names, entity decoding
// (all or nothing, as the htmlescape crate), csum, sfld's integer affinity, guids.
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {derivedColumns, fieldChecksum, normalizeField} from '../../source/core/notes/fields.js';
import {decodeEntitiesAllOrNothing} from '../../source/core/render/entities.js';
import {stripHtmlPreservingMediaFilenames} from '../../source/core/render/html-text.js';
import {base91, newGuid} from '../../source/core/notes/ids.js';
import {randomNewPosition} from '../../source/core/notes/random-position.js';

describe('field normalization', () => {
	it('removes ASCII control characters except tab and newline, then applies NFC', () => {
		expect(normalizeField('a\r\nb\tc\u0000d\u001fe\u007f')).toBe('a\nb\tcde');
		expect(normalizeField('e\u0301')).toBe('\u00e9');
		expect(normalizeField('e\u0301', false)).toBe('e\u0301');
	});
});

describe('HTML stripped keeping media file names', () => {
	it.each([
		['<img src=foo.jpg>', ' foo.jpg '],
		["<img src='foo.jpg'><html>", ' foo.jpg '],
		['<img class="x" src="a b.png" alt="y">x', ' a b.png x'],
		['<audio src="s.mp3"></audio>', ' s.mp3 '],
		['<object data="f.svg"></object>', ' f.svg '],
		['<b>bold</b> <i>it</i>', 'bold it'],
		['a<!-- c -->b<style>x{}</style>c<script>1</script>d', 'abcd'],
		['  spaced  ', '  spaced  '],
		['[sound:a.mp3]', '[sound:a.mp3]'],
	])('%j -> %j', (html, text) => {
		expect(stripHtmlPreservingMediaFilenames(html)).toBe(text);
	});

	it('decodes entities only when every one of them is valid (htmlescape)', () => {
		expect(decodeEntitiesAllOrNothing('a &amp; b &lt;c&gt; &#65;&#x42;&eacute;')).toBe('a & b <c> ABé');
		expect(decodeEntitiesAllOrNothing('a &amp; b & c')).toBe('a &amp; b & c');
		expect(decodeEntitiesAllOrNothing('&apos; &amp;')).toBe('&apos; &amp;');
		expect(decodeEntitiesAllOrNothing('&#X41; &amp;')).toBe('&#X41; &amp;');
		expect(decodeEntitiesAllOrNothing('&amp')).toBe('&amp');
		expect(decodeEntitiesAllOrNothing('&#xD800;')).toBe('&#xD800;');
		expect(decodeEntitiesAllOrNothing('a&nbsp;b')).toBe('a b');
		expect(decodeEntitiesAllOrNothing('raw\u00a0nbsp')).toBe('raw\u00a0nbsp');
	});
});

describe('csum and sfld', () => {
	it("matches Anki's checksum vectors", () => {
		expect(fieldChecksum('test')).toBe(2840236005);
		expect(fieldChecksum('今日')).toBe(1464653051);
	});

	it('takes csum from the first field and sfld from the sort field', () => {
		const {sfld, csum} = derivedColumns(['<b>front</b>', 'back <img src="b.jpg">'], 1);
		expect(sfld).toBe('back  b.jpg ');
		expect(csum).toBe(fieldChecksum('front'));
	});

	it('lets SQLite store numeric sort fields as numbers, as Anki binds TEXT into `sfld integer`', () => {
		const db = new Database(':memory:');
		db.exec('CREATE TABLE notes (sfld integer)');
		const insert = db.prepare('INSERT INTO notes VALUES (?)');
		for (const text of ['12', '007', ' 12 ', '1e3', '3.5', '0x10', 'abc']) insert.run(derivedColumns([text], 0).sfld);
		expect(db.prepare('SELECT sfld, typeof(sfld) AS t FROM notes').all()).toEqual([
			{sfld: 12, t: 'integer'},
			{sfld: 7, t: 'integer'},
			{sfld: 12, t: 'integer'},
			{sfld: 1000, t: 'integer'},
			{sfld: 3.5, t: 'real'},
			{sfld: '0x10', t: 'text'},
			{sfld: 'abc', t: 'text'},
		]);
	});
});

describe('ids', () => {
	it("writes guids in Anki's base91", () => {
		expect(base91(0n)).toBe('');
		expect(base91(1n)).toBe('b');
		expect(base91(1234567890n)).toBe('saAKk');
		expect(base91((1n << 64n) - 1n)).toBe('Rj&Z5m[>Zp');
		expect(newGuid(() => 1234567890n)).toBe('saAKk');
		expect(newGuid()).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,10}$/);
	});

	it("places new cards of random-order decks where Anki's StdRng does", () => {
		expect([5, 500, 5001].map(randomNewPosition)).toEqual([180, 13, 3731]);
	});
});
