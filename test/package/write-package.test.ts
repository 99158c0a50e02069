// writePackage lays packages out as each Anki generation did: rebuilt from the parts of real
// packages, the entries (and for modern files every stored byte) match the originals.
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openPackage} from '../../source/core/package/open-package.js';
import {pythonJsonDumps, writePackage, type PackageGeneration, type PackageMediaFile} from '../../scripts/lib/write-package.js';
import {ZipReader} from '../../source/core/package/zip-reader.js';
import {ZipWriter} from '../../scripts/lib/zip-writer.js';
import {hasShared, noticeIfNoShared, sharedFile, tempDir} from '../helpers/shared.js';

noticeIfNoShared();

interface EntryView {
	name: string;
	method: number;
	madeBy: number;
	needed: number;
	attributes: number;
	bytes: Buffer;
}

async function entries(file: string): Promise<EntryView[]> {
	const zip = await ZipReader.open(file);
	try {
		const out: EntryView[] = [];
		for (const name of zip.order) {
			const entry = zip.get(name)!;
			const chunks: Buffer[] = [];
			await zip.readEntry(entry, (chunk) => chunks.push(Buffer.from(chunk)));
			out.push({
				name,
				method: entry.method,
				madeBy: entry.raw.versionMadeBy,
				needed: entry.raw.versionNeededToExtract,
				attributes: entry.raw.externalFileAttributes,
				bytes: Buffer.concat(chunks),
			});
		}
		return out;
	} finally {
		zip.close();
	}
}

const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

describe.skipIf(!hasShared)('writePackage rebuilds real packages', () => {
	const work = tempDir();
	afterAll(() => work.cleanup());

	/** Unpacks a real package into collection file + dummy file + media files (in zip order). */
	async function parts(fixture: string): Promise<{collection: string; dummy?: string; media: PackageMediaFile[]; original: EntryView[]}> {
		const original = await entries(sharedFile(fixture));
		const opened = await openPackage(sharedFile(fixture));
		const dir = path.join(work.dir, fixture);
		const collection = path.join(dir + '.col');
		writeFileSync(collection, readFileSync(opened.collectionPath));
		let dummy: string | undefined;
		if (opened.collectionEntry !== 'collection.anki2') {
			dummy = path.join(dir + '.dummy');
			writeFileSync(dummy, original.find((entry) => entry.name === 'collection.anki2')!.bytes);
		}
		const media = opened.media.entries
			.slice()
			.sort((a, b) => Number(a.zipEntry) - Number(b.zipEntry))
			.map((entry) => ({name: entry.name, data: undefined as Buffer | undefined}));
		for (const file of media) file.data = await opened.media.read(file.name);
		opened.cleanup();
		return {collection, dummy, media: media as PackageMediaFile[], original};
	}

	async function rebuild(fixture: string, generation: PackageGeneration, kind: 'apkg' | 'colpkg') {
		const p = await parts(fixture);
		const out = path.join(work.dir, `rebuilt-${fixture}`);
		await writePackage(out, {generation, kind, collectionFile: p.collection, dummyCollectionFile: p.dummy, media: p.media});
		return {out, original: p.original, rebuilt: await entries(out), media: p.media};
	}

	it('latest: modern-images is rebuilt byte for byte (zstd collection, zstd media, protobuf list, header fields)', async () => {
		const {original, rebuilt} = await rebuild('modern-images.apkg', 'latest', 'apkg');
		expect(rebuilt.map((e) => e.name)).toEqual(['meta', 'collection.anki21b', 'collection.anki2', '0', '1', 'media']);
		expect(rebuilt.map((e) => e.name)).toEqual(original.map((e) => e.name));
		for (const [index, entry] of rebuilt.entries()) {
			const want = original[index];
			expect({name: entry.name, method: entry.method, madeBy: entry.madeBy, needed: entry.needed, attributes: entry.attributes}).toEqual({
				name: want.name,
				method: want.method,
				madeBy: want.madeBy,
				needed: want.needed,
				attributes: want.attributes,
			});
			expect(sha1(entry.bytes), entry.name).toBe(sha1(want.bytes));
		}
	});

	// Older Anki builds bundled an older libzstd, whose frames for the (multi-block) collection
	// differ slightly; media frames and lists still match byte for byte.
	it('latest: modern-cloze-audio (7 mp3) media and list bytes are identical too', async () => {
		const {original, rebuilt} = await rebuild('modern-cloze-audio.apkg', 'latest', 'apkg');
		expect(rebuilt.map((e) => [e.name, e.method])).toEqual(original.map((e) => [e.name, e.method]));
		for (const [index, entry] of rebuilt.entries()) {
			if (entry.name !== 'collection.anki21b') expect(sha1(entry.bytes), entry.name).toBe(sha1(original[index].bytes));
		}
	});

	it('latest with no media writes the 9-byte empty list Anki writes', async () => {
		const {original, rebuilt} = await rebuild('modern-basic.apkg', 'latest', 'apkg');
		const media = rebuilt.find((e) => e.name === 'media')!;
		expect([...media.bytes]).toEqual([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x00, 0x01, 0x00, 0x00]);
		expect(media.bytes.equals(original.find((e) => e.name === 'media')!.bytes)).toBe(true);
		expect(rebuilt.map((e) => e.name)).toEqual(original.map((e) => e.name));
	});

	it('legacy2: legacy-mode-anki21.colpkg layout (meta 08 02, deflated anki21, stored dummy, JSON list)', async () => {
		const {original, rebuilt} = await rebuild('legacy-mode-anki21.colpkg', 'legacy2', 'colpkg');
		expect(rebuilt.map((e) => [e.name, e.method])).toEqual([
			['meta', 0],
			['collection.anki21', 8],
			['collection.anki2', 0],
			['media', 0],
		]);
		expect(rebuilt.map((e) => [e.name, e.method])).toEqual(original.map((e) => [e.name, e.method]));
		expect([...rebuilt[0].bytes]).toEqual([8, 2]);
		// Inflated contents are identical (deflate streams differ: Anki uses miniz_oxide, Node zlib).
		for (const [index, entry] of rebuilt.entries()) expect(sha1(entry.bytes), entry.name).toBe(sha1(original[index].bytes));
		expect(rebuilt.map((e) => e.attributes)).toEqual(original.map((e) => e.attributes));
	});

	it('anki21 (Python, v2 scheduler): dummy first, then collection.anki21, media stored, Python JSON list', async () => {
		const {original, rebuilt, media} = await rebuild('anki21-stock-notetypes-media.colpkg', 'anki21', 'colpkg');
		expect(media.map((m) => m.name)).toEqual(['bloop.wav', 'favicon.ico', 'png1.png', 'png2.png']);
		expect(rebuilt.map((e) => [e.name, e.method])).toEqual(original.map((e) => [e.name, e.method]));
		expect(rebuilt.map((e) => e.name)).toEqual(['collection.anki2', 'collection.anki21', '0', '1', '2', '3', 'media']);
		for (const [index, entry] of rebuilt.entries()) expect(sha1(entry.bytes), entry.name).toBe(sha1(original[index].bytes));
		expect(rebuilt.at(-1)!.bytes.toString()).toBe('{"0": "bloop.wav", "1": "favicon.ico", "2": "png1.png", "3": "png2.png"}');
		expect(rebuilt.map((e) => [e.madeBy & 0xff, e.needed])).toEqual(original.map((e) => [e.madeBy & 0xff, e.needed]));
		expect(rebuilt.at(-1)!.attributes).toBe(original.at(-1)!.attributes);
	});

	it('anki2 (Python, v1): collection.anki2, media, JSON list; same contents as the original', async () => {
		const {original, rebuilt} = await rebuild('anki21-stock-notetypes-media.apkg', 'anki2', 'apkg');
		expect(rebuilt.map((e) => [e.name, e.method])).toEqual(original.map((e) => [e.name, e.method]));
		for (const [index, entry] of rebuilt.entries()) expect(sha1(entry.bytes), entry.name).toBe(sha1(original[index].bytes));
	});
});

describe('writePackage round trips through openPackage', () => {
	const work = tempDir();
	let collection: string;
	let dummy: string;
	beforeAll(() => {
		collection = path.join(work.dir, 'real.anki2');
		const db = new Database(collection);
		db.exec("create table col (id integer primary key, ver integer); insert into col values (1, 11); create table notes (id integer primary key, flds text); insert into notes values (1, 'REAL')");
		db.close();
		dummy = path.join(work.dir, 'dummy.anki2');
		const d = new Database(dummy);
		d.exec("create table col (id integer primary key, ver integer); insert into col values (1, 11); create table notes (id integer primary key, flds text); insert into notes values (1, 'Please update to the latest Anki version')");
		d.close();
	});
	afterAll(() => work.cleanup());

	const media: PackageMediaFile[] = [
		{name: 'été 1.jpg', data: Buffer.from('jpeg bytes')},
		{name: 'diagram.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'.repeat(20))},
		{name: 'empty.mp3', data: Buffer.alloc(0)},
	];

	for (const generation of ['anki2', 'anki21', 'legacy2', 'latest'] as const) {
		it(`${generation}: the real collection and every media file come back`, async () => {
			const out = path.join(work.dir, `${generation}.apkg`);
			await writePackage(out, {generation, kind: 'apkg', collectionFile: collection, dummyCollectionFile: dummy, media});
			const opened = await openPackage(out);
			try {
				expect(opened.version).toBe({anki2: 1, anki21: 2, legacy2: 2, latest: 3}[generation]);
				const db = new Database(opened.collectionPath, {readonly: true});
				expect(db.prepare('select flds from notes').pluck().get()).toBe('REAL');
				db.close();
				expect(opened.media.names).toEqual(media.map((m) => m.name));
				for (const file of media) expect((await opened.media.read(file.name)).equals(file.data!)).toBe(true);
				const raw = await entries(out);
				const svg = raw.find((e) => e.name === '1')!;
				// Python deflated SVGs; the Rust exporter stores everything.
				expect(svg.method).toBe(generation === 'anki2' || generation === 'anki21' ? 8 : 0);
				if (generation === 'latest') {
					const list = raw.find((e) => e.name === 'media')!;
					expect([...list.bytes.subarray(0, 4)]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
					const mediaEntry = opened.media.get('été 1.jpg')!;
					expect(mediaEntry.size).toBe(10);
					expect(Buffer.from(mediaEntry.sha1!).toString('hex')).toBe(sha1(Buffer.from('jpeg bytes')));
				}
			} finally {
				opened.cleanup();
			}
		});
	}

	it('a pinned time makes the output reproducible', async () => {
		const now = new Date(2024, 0, 2, 3, 4, 6);
		const bytes = [];
		for (const name of ['a.apkg', 'b.apkg']) {
			const out = path.join(work.dir, name);
			await writePackage(out, {generation: 'anki21', kind: 'apkg', collectionFile: collection, dummyCollectionFile: dummy, media, now});
			bytes.push(readFileSync(out));
		}
		expect(bytes[0].equals(bytes[1])).toBe(true);
		const zip = await ZipReader.open(path.join(work.dir, 'a.apkg'));
		try {
			// DOS time of 2024-01-02 03:04:06 local.
			expect(zip.get('collection.anki21')!.raw.lastModFileDate).toBe(((2024 - 1980) << 9) | (1 << 5) | 2);
			expect(zip.get('media')!.raw.lastModFileTime).toBe((3 << 11) | (4 << 5) | 3);
		} finally {
			zip.close();
		}
	});

	it('Python JSON escapes non-ASCII like json.dumps', () => {
		expect(pythonJsonDumps([['0', 'été "1".jpg']])).toBe('{"0": "\\u00e9t\\u00e9 \\"1\\".jpg"}');
		expect(pythonJsonDumps([])).toBe('{}');
	});

	it('refuses unsafe media names and a missing dummy', async () => {
		const out = path.join(work.dir, 'bad.apkg');
		await expect(writePackage(out, {generation: 'anki2', kind: 'apkg', collectionFile: collection, media: [{name: '../x.jpg', data: Buffer.from('x')}]})).rejects.toThrow(/unsafe/);
		await expect(writePackage(out, {generation: 'latest', kind: 'apkg', collectionFile: collection})).rejects.toThrow(/dummyCollectionFile/);
	});

	it('Zip64 records (forced) are read back', async () => {
		const out = path.join(work.dir, 'zip64.apkg');
		const zip = new ZipWriter(out, {zip64Limit: -1});
		const options = {versionMadeBy: 0x0314, versionNeeded: 20, externalAttributes: 0, mtime: new Date(), knownSize: 0};
		await zip.add('collection.anki2', [readFileSync(collection)], {...options, method: 'deflate'});
		await zip.add('0', [Buffer.from('zip64 media')], {...options, method: 'stored'});
		await zip.add('media', [Buffer.from('{"0": "z.txt"}')], {...options, method: 'deflate'});
		zip.close();
		const bytes = readFileSync(out);
		expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
		expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBe(true);
		const opened = await openPackage(out);
		try {
			expect((await opened.media.read('z.txt')).toString()).toBe('zip64 media');
			expect(readFileSync(opened.collectionPath).equals(readFileSync(collection))).toBe(true);
		} finally {
			opened.cleanup();
		}
	});
});
