// The zip reader lists a package's central directory in one pass over the bytes it already read
// (zip-reader.ts); every record must come out exactly as yauzl's own listing gives it: real
// packages, the bench's generated one, zip64 records, and a directory too damaged for the pass.
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeBenchPackage} from '../../bench/generate-package.js';
import {ZipReader} from '../../source/core/package/zip-reader.js';
import {noticeIfNoShared, sharedAnki, tempDir} from '../helpers/shared.js';

const projectFixtures = path.resolve('fixtures');
const packages = [
	...readdirSync(projectFixtures)
		.filter(f => /\.(apkg|colpkg)$/.test(f))
		.map(f => path.join(projectFixtures, f)),
	path.join(projectFixtures, 'demo', 'demo.apkg'),
	...(noticeIfNoShared() ? readdirSync(sharedAnki).filter(f => /\.(apkg|colpkg)$/.test(f)).map(f => path.join(sharedAnki, f)) : []),
];

/** Every field of every record, in directory order, as plain data. */
async function listing(file: string, yauzlListing: boolean): Promise<unknown[]> {
	const zip = await ZipReader.open(file, {yauzlListing});
	try {
		expect(zip.listedInOnePass).toBe(!yauzlListing);
		return zip.order.map(name => {
			const {raw, ...info} = zip.get(name)!;
			const fields = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v]));
			const extra = raw.extraFields.map(f => ({id: f.id, data: f.data.toString('hex')}));
			return {info, fields: {...fields, extraFields: extra}, encrypted: raw.isEncrypted(), decodable: raw.canDecodeFileData()};
		});
	} finally {
		zip.close();
	}
}

async function expectSameListing(file: string): Promise<unknown[]> {
	const fast = await listing(file, false);
	expect(fast).toEqual(await listing(file, true));
	return fast;
}

describe('the one-pass central directory listing', () => {
	for (const file of packages) {
		it(`lists ${path.basename(file)} as yauzl does`, async () => {
			expect((await expectSameListing(file)).length).toBeGreaterThan(1);
		});
	}

	it('lists the bench package (generated, 50 media files) as yauzl does, and reads its entries', async () => {
		const t = tempDir('anki-tui-zip-listing-');
		try {
			const file = path.join(t.dir, 'bench.apkg');
			await writeBenchPackage(file, {generation: 'latest', notes: 60, mediaFiles: 50, mediaBytes: 500, seed: 3}, Date.UTC(2026, 0, 2));
			expect((await expectSameListing(file)).length).toBe(54);
			const zip = await ZipReader.open(file);
			try {
				expect(zip.readWhole(zip.get('49')!).length).toBeGreaterThan(0);
			} finally {
				zip.close();
			}
		} finally {
			t.cleanup();
		}
	});

	it('reads zip64 records (sizes and offsets in the zip64 extra field) as yauzl does', async () => {
		const t = tempDir('anki-tui-zip64-');
		try {
			writeFileSync(path.join(t.dir, 'a.txt'), 'alpha '.repeat(100));
			writeFileSync(path.join(t.dir, 'b.bin'), Buffer.alloc(3000, 7));
			const file = path.join(t.dir, 'z64.zip');
			// -fz: zip64 records even for small files
			execFileSync('zip', ['-q', '-fz', file, 'a.txt', 'b.bin'], {cwd: t.dir});
			const listed = (await expectSameListing(file)) as Array<{fields: {extraFields: Array<{id: number}>}}>;
			expect(listed.some(e => e.fields.extraFields.some(f => f.id === 0x0001))).toBe(true);
			const zip = await ZipReader.open(file);
			try {
				expect(zip.readWhole(zip.get('b.bin')!)).toEqual(Buffer.alloc(3000, 7));
			} finally {
				zip.close();
			}
		} finally {
			t.cleanup();
		}
	});

	it('leaves a damaged directory record to yauzl, which reports it', async () => {
		const t = tempDir('anki-tui-zip-damaged-');
		try {
			const bytes = readFileSync(path.join(projectFixtures, 'latest.apkg'));
			const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
			const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.readUInt32LE(eocd + 16) + 4);
			bytes.writeUInt32LE(0xdeadbeef, second);
			const file = path.join(t.dir, 'damaged.apkg');
			writeFileSync(file, bytes);
			await expect(ZipReader.open(file, {yauzlListing: true})).rejects.toThrow(/0xdeadbeef/);
			await expect(ZipReader.open(file)).rejects.toThrow(/invalid central directory file header signature: 0xdeadbeef/);
		} finally {
			t.cleanup();
		}
	});
});
