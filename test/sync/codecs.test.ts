// The small codecs sync relies on: zstd frames, multipart bodies, and the note field cache
// (sfld/csum) recomputed for received notes, checked against notes Anki itself wrote.
import {openCollection} from '../../source/core/collection/open.js';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {decompress} from 'fzstd';
import {hasShared, noticeIfNoShared, privateCopyOf, sharedAnki, sharedSync} from '../helpers/shared.js';
import {fieldCache} from '../../source/core/sync/field-cache.js';
import {buildMultipart, parseMultipart, BOUNDARY} from '../../source/core/sync/multipart.js';
import {zstdDecompress} from '../../source/core/zstd/decode.js';
import {zstdCompress, zstdRawFrame} from '../../source/core/zstd/encode.js';

noticeIfNoShared();

describe('zstd for the v11 framing', () => {
	it('raw-block frames decode with a standard decoder, empty and multi-block', () => {
		for (const size of [0, 1, 131_073]) {
			const data = Buffer.alloc(size, 7);
			data.write('anki', 0);
			expect(Buffer.from(decompress(zstdRawFrame(data)))).toEqual(data);
		}
	});

	it('compress/decompress round trip (native encoder when built)', () => {
		const data = Buffer.from(JSON.stringify({minUsn: 5, lnewer: true}).repeat(1000));
		expect(zstdDecompress(zstdCompress(data))).toEqual(data);
	});
});

describe('multipart bodies', () => {
	it('fields in order, a data part only when given, as Anki builds them', () => {
		const body = buildMultipart([{name: 'k', value: 'key'}, {name: 'c', value: '1'}], Buffer.from([0, 1, 2, 13, 10]));
		const text = body.toString('latin1');
		expect(text.startsWith(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="k"\r\n\r\nkey\r\n`)).toBe(true);
		expect(text).toContain('name="data"; filename="data"\r\nContent-Type: application/octet-stream\r\n\r\n');
		expect(text.endsWith(`--${BOUNDARY}--\r\n`)).toBe(true);
		const parts = parseMultipart(body, BOUNDARY);
		expect(parts.map(p => p.name)).toEqual(['k', 'c', 'data']);
		expect(parts[2].body).toEqual(Buffer.from([0, 1, 2, 13, 10]));
		expect(parseMultipart(buildMultipart([{name: 'c', value: '1'}], undefined), BOUNDARY).map(p => p.name)).toEqual(['c']);
	});
});

describe.skipIf(!hasShared)('field cache matches what Anki stored', () => {
	const files = hasShared
		? [
				...readdirSync(sharedSync).filter(f => f.endsWith('.anki2')).map(f => path.join(sharedSync, f)),
				...readdirSync(sharedAnki).filter(f => f.endsWith('.anki2')).map(f => path.join(sharedAnki, f)),
			]
		: [];
	it.each(files.map(f => [path.basename(f), f]))('%s', (_name, file) => {
		// Read-only open (never writes the shared file); the adapter knows each schema's sort field.
		const col = openCollection(privateCopyOf(file), {readOnly: true});
		const sortIndex = new Map(col.adapter.notetypes().map(n => [n.id, n.sortFieldIndex]));
		const notes = col.db.prepare('select mid, flds, sfld, csum from notes').all() as Array<{mid: number; flds: string; sfld: string | number; csum: number}>;
		col.close();
		let compared = 0;
		for (const note of notes) {
			const sortf = sortIndex.get(note.mid);
			if (sortf === undefined) continue;
			const {sfld, csum} = fieldCache(note.flds.split('\x1f'), sortf);
			expect(csum).toBe(note.csum);
			expect(String(sfld)).toBe(String(note.sfld));
			compared++;
		}
		expect(compared).toBe(notes.length);
	});
});
