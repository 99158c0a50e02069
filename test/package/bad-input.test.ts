// Hostile and broken packages: each fails with one clear AnkiFileError (or is skipped with a
// warning), writes nothing outside the private temp dir, and leaves no temp dir behind.
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {CompressStream} from 'zstd-napi';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {AnkiFileError, NewerSchemaError} from '../../source/core/errors.js';
import {encodeMediaEntries} from '../../source/core/package/media-map.js';
import {openPackage} from '../../source/core/package/open-package.js';
import {pseudoRandomBytes} from '../../bench/generate-package.js';
import {buildZip, deflatedEntry, deflatedZeros, storedEntry, type RawZipEntry} from '../helpers/zip.js';
import {hasShared, noticeIfNoShared, sharedFile, tempDir} from '../helpers/shared.js';

noticeIfNoShared();

let work: ReturnType<typeof tempDir>;
let tempRoot: string;
beforeEach(() => {
	work = tempDir();
	tempRoot = path.join(work.dir, 'tmp');
	mkdirSync(tempRoot);
});
afterEach(() => work.cleanup());

function sqliteBytes(): Buffer {
	const file = path.join(work.dir, `col-${Math.random().toString(16).slice(2)}.anki2`);
	const db = new Database(file);
	db.exec('create table col (id integer primary key, ver integer); insert into col values (1, 11); create table notes (id integer primary key, flds text)');
	db.close();
	return readFileSync(file);
}

function writeZip(entries: RawZipEntry[], name = 'deck.apkg'): string {
	const file = path.join(work.dir, name);
	writeFileSync(file, buildZip(entries));
	return file;
}

function zstd(data: Uint8Array): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const stream = new CompressStream();
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
		stream.end(data);
	});
}

async function failure(file: string, options = {}): Promise<Error> {
	try {
		const opened = await openPackage(file, {tempRoot, ...options});
		opened.cleanup();
	} catch (error) {
		// Nothing may be left behind, whatever went wrong.
		expect(readdirSync(tempRoot)).toEqual([]);
		return error as Error;
	}
	throw new Error(`expected ${file} to be refused`);
}

function expectOneLine(error: Error, pattern: RegExp): void {
	expect(error).toBeInstanceOf(AnkiFileError);
	expect(error.message).not.toContain('\n');
	expect(error.message).toContain('deck.apkg');
	expect(error.message).toMatch(pattern);
}

describe('openPackage refuses bad input clearly', () => {
	it('a missing file', async () => {
		const error = await failure(path.join(work.dir, 'deck.apkg'));
		expectOneLine(error, /no such file/);
	});

	it('a file that is neither zip nor SQLite', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		writeFileSync(file, 'just some text, not a package\n');
		expectOneLine(await failure(file), /neither an Anki package/);
	});

	it('an empty file', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		writeFileSync(file, '');
		expectOneLine(await failure(file), /neither an Anki package/);
	});

	it('an SQLite collection handed over as a package', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		writeFileSync(file, sqliteBytes());
		expectOneLine(await failure(file), /SQLite collection, not a package/);
	});

	it('a directory instead of a file', async () => {
		const dir = path.join(work.dir, 'deck.apkg');
		mkdirSync(dir);
		expectOneLine(await failure(dir), /neither an Anki package/);
	});

	it('a zip with no collection entry', async () => {
		const file = writeZip([storedEntry('media', '{}'), storedEntry('readme.txt', 'hello')]);
		expectOneLine(await failure(file), /holds no Anki collection/);
	});

	it('a zip whose meta points at a missing collection entry', async () => {
		const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki2', sqliteBytes())]);
		expectOneLine(await failure(file), /holds no Anki collection/);
	});

	it('meta version 0 (unknown) and an unknown future version: made by a newer Anki', async () => {
		for (const meta of [Uint8Array.of(8, 0), Uint8Array.of(), Uint8Array.of(8, 9)]) {
			const file = writeZip([storedEntry('meta', meta), storedEntry('collection.anki2', sqliteBytes())]);
			const error = await failure(file);
			expect(error).toBeInstanceOf(NewerSchemaError);
			expect(error.message).toMatch(/newer Anki/);
			expect(error.message).toContain('deck.apkg');
		}
	});

	it('a collection entry that is not SQLite', async () => {
		const file = writeZip([deflatedEntry('collection.anki2', 'not a database at all')]);
		expectOneLine(await failure(file), /damaged.*not an SQLite database/);
	});

	it('a CRC mismatch (bytes changed after zipping)', async () => {
		const data = sqliteBytes();
		const entry = storedEntry('collection.anki2', data);
		entry.crc = 12345;
		expectOneLine(await failure(writeZip([entry])), /damaged.*CRC/);
	});

	for (const zstdEngine of ['native', 'js'] as const) {
		it(`invalid zstd data in a version-3 package (${zstdEngine})`, async () => {
			const file = writeZip([
				storedEntry('meta', Uint8Array.of(8, 3)),
				storedEntry('collection.anki21b', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(64, 0x55)])),
			]);
			expectOneLine(await failure(file, {zstdEngine}), /damaged.*zstd/);
		});

		it(`a zstd collection cut short (${zstdEngine})`, async () => {
			const compressed = await zstd(Buffer.concat([sqliteBytes(), Buffer.alloc(200_000, 7)]));
			const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', compressed.subarray(0, compressed.length - 40))]);
			expectOneLine(await failure(file, {zstdEngine}), /damaged/);
		});
	}

	it('an unreadable media list', async () => {
		const file = writeZip([storedEntry('collection.anki2', sqliteBytes()), storedEntry('media', '{"0": "a.jpg"')]);
		expectOneLine(await failure(file), /damaged.*media list/);
	});
});

describe.skipIf(!hasShared)('openPackage on damaged copies of real packages', () => {
	it('a real package cut in half', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		const bytes = readFileSync(sharedFile('legacy-pasted-images.apkg'));
		writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
		expectOneLine(await failure(file), /damaged.*zip/);
	});

	it('a real package with corrupt bytes inside its deflated collection', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		const bytes = Buffer.from(readFileSync(sharedFile('legacy-mode-anki21.colpkg')));
		// collection.anki21 data starts at 36 + 30 + 17; damage the middle of its deflate stream.
		for (let i = 20_000; i < 20_064; i++) bytes[i] ^= 0xa5;
		writeFileSync(file, bytes);
		// Depending on the damage, inflate fails, the CRC differs or the output overruns its size.
		expectOneLine(await failure(file), /damaged|expands beyond its declared/);
	});

	it('a real modern package with corrupt bytes inside its zstd collection', async () => {
		const file = path.join(work.dir, 'deck.apkg');
		const bytes = Buffer.from(readFileSync(sharedFile('modern-basic.apkg')));
		for (let i = 2000; i < 2032; i++) bytes[i] ^= 0x5a;
		writeFileSync(file, bytes);
		expectOneLine(await failure(file), /damaged/);
	});
});

describe('zip bombs are stopped', () => {
	it('a deflated entry of 200 MiB of zeros declared as 4 KiB stops at the declared size', async () => {
		const zeros = deflatedZeros(200);
		expect(zeros.stored.length).toBeLessThan(400_000);
		const file = writeZip([{name: 'collection.anki2', stored: zeros.stored, method: 8, size: 4096, crc: zeros.crc}]);
		expectOneLine(await failure(file), /not opened: .*expands beyond its declared 4096 bytes.*zip bomb/);
	});

	it('an honestly declared 200 MiB collection from 200 KB is refused by the ratio cap before extraction', async () => {
		const zeros = deflatedZeros(200);
		const file = writeZip([{name: 'collection.anki2', stored: zeros.stored, method: 8, size: zeros.size, crc: zeros.crc}]);
		expectOneLine(await failure(file), /not opened: .*would expand to 209715200 bytes.*zip bomb/);
	});

	it('the absolute cap applies even at a normal ratio', async () => {
		const data = Buffer.concat([sqliteBytes(), Buffer.alloc(100_000, 1)]);
		const file = writeZip([storedEntry('collection.anki2', data)]);
		const error = await failure(file, {limits: {maxEntryBytes: 50_000}});
		expectOneLine(error, /would expand to \d+ bytes, more than the 50000 allowed/);
	});

	for (const zstdEngine of ['native', 'js'] as const) {
		it(`a zstd collection expanding past the cap is cut off (${zstdEngine})`, async () => {
			const compressed = await zstd(Buffer.concat([sqliteBytes(), Buffer.alloc(32 * 1024 * 1024)]));
			expect(compressed.length).toBeLessThan(10_000);
			const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', compressed)]);
			const error = await failure(file, {limits: {ratioFloorBytes: 1024 * 1024}, zstdEngine});
			expectOneLine(error, /not opened: collection\.anki21b: .*1048576.*zip bomb/);
		});
	}

	it('a zstd frame header cut short', async () => {
		const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xc0]))]);
		expectOneLine(await failure(file), /damaged.*truncated zstd/);
	});

	it('a zstd frame declaring a huge content size is refused before decoding', async () => {
		// Frame header only: single segment, 4-byte content size = 3 GiB.
		const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', header)]);
		expectOneLine(await failure(file), /declares 3221225472 bytes.*zip bomb/);
	});

	it('a zstd media file larger than its MediaEntry size is refused on extraction', async () => {
		const real = Buffer.alloc(10, 1);
		const list = encodeMediaEntries([{name: 'a.jpg', size: real.length, sha1: Buffer.alloc(20, 9)}]);
		const file = writeZip([
			storedEntry('meta', Uint8Array.of(8, 3)),
			storedEntry('collection.anki21b', await zstd(sqliteBytes())),
			storedEntry('0', await zstd(Buffer.alloc(1024 * 1024, 1))),
			storedEntry('media', await zstd(list)),
		]);
		const opened = await openPackage(file, {tempRoot});
		const out = path.join(work.dir, 'media');
		try {
			const error = await opened.media.extract('a.jpg', out).then(() => undefined, (e: Error) => e);
			expect(error).toBeInstanceOf(AnkiFileError);
			expect(error!.message).toMatch(/a\.jpg.*expands beyond 10 bytes.*zip bomb/);
			expect(readdirSync(out)).toEqual([]);
		} finally {
			opened.cleanup();
		}
	});
});

describe('unsafe media names never leave the media folder', () => {
	const unsafe = ['../evil.jpg', 'a/b.jpg', '/etc/passwd', 'a\\b.jpg', 'nul\u0000.jpg', 'bell\u0007.jpg', '..'];

	it('legacy JSON list: unsafe names are skipped with a warning, safe ones kept', async () => {
		const map = Object.fromEntries([...unsafe, 'good.jpg'].map((name, index) => [String(index), name]));
		const entries: RawZipEntry[] = [storedEntry('collection.anki2', sqliteBytes())];
		for (let i = 0; i <= unsafe.length; i++) entries.push(storedEntry(String(i), `file ${i}`));
		entries.push(storedEntry('media', JSON.stringify(map)));
		const opened = await openPackage(writeZip(entries), {tempRoot});
		const out = path.join(work.dir, 'nested', 'media');
		try {
			expect(opened.media.names).toEqual(['good.jpg']);
			expect(opened.warnings).toHaveLength(unsafe.length);
			for (const warning of opened.warnings) expect(warning).toMatch(/unsafe name/);
			const result = await opened.media.extractAll(out);
			expect(result.extracted).toEqual(['good.jpg']);
			expect(readdirSync(out)).toEqual(['good.jpg']);
			expect(readFileSync(path.join(out, 'good.jpg'), 'utf8')).toBe(`file ${unsafe.length}`);
			expect(existsSync(path.join(work.dir, 'nested', 'evil.jpg'))).toBe(false);
			expect(existsSync(path.join(out, 'a'))).toBe(false);
			await expect(opened.media.extract('../evil.jpg', out)).rejects.toThrow(/unsafe name/);
		} finally {
			opened.cleanup();
		}
	});

	it('protobuf list (version 3): unsafe and unnormalised names are skipped', async () => {
		const names = ['../evil.jpg', 'a/b.jpg', 'e\u0301.jpg', 'ok.jpg'];
		const list = encodeMediaEntries(names.map((name) => ({name, size: 3, sha1: Buffer.alloc(20, 1)})));
		const entries: RawZipEntry[] = [storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', await zstd(sqliteBytes()))];
		for (let i = 0; i < names.length; i++) entries.push(storedEntry(String(i), await zstd(Buffer.from(`f${i}!`.slice(0, 3)))));
		entries.push(storedEntry('media', await zstd(list)));
		const opened = await openPackage(writeZip(entries), {tempRoot});
		try {
			expect(opened.media.names).toEqual(['ok.jpg']);
			expect(opened.media.get('ok.jpg')?.zipEntry).toBe('3');
			expect(opened.warnings).toHaveLength(3);
			expect((await opened.media.read('ok.jpg')).toString()).toBe('f3!');
		} finally {
			opened.cleanup();
		}
	});

	it('legacy names are normalised as Anki does (NFC, problem characters removed)', async () => {
		const map = {'0': 'e\u0301t\u00e9.jpg', '1': 'what?.png', '2': 'con.mp3', '3': 'C:drive.jpg'};
		const opened = await openPackage(
			writeZip([storedEntry('collection.anki2', sqliteBytes()), storedEntry('0', 'a'), storedEntry('1', 'b'), storedEntry('2', 'c'), storedEntry('3', 'd'), storedEntry('media', JSON.stringify(map))]),
			{tempRoot},
		);
		try {
			expect(opened.media.names).toEqual(['\u00e9t\u00e9.jpg', 'what.png', 'con_.mp3', 'Cdrive.jpg']);
		} finally {
			opened.cleanup();
		}
	});

	it('a media list entry whose zip entry is missing is reported, not fatal', async () => {
		const opened = await openPackage(
			writeZip([storedEntry('collection.anki2', sqliteBytes()), storedEntry('0', 'a'), storedEntry('media', '{"0": "a.jpg", "1": "b.jpg"}')]),
			{tempRoot},
		);
		const out = path.join(work.dir, 'media');
		try {
			const result = await opened.media.extractAll(out);
			expect(result.extracted).toEqual(['a.jpg']);
			expect(result.skipped).toEqual([{name: 'b.jpg', reason: 'zip entry "1" is missing'}]);
			await expect(opened.media.read('b.jpg')).rejects.toThrow(/b\.jpg.*missing/);
		} finally {
			opened.cleanup();
		}
	});
});

describe('package variants Anki accepts', () => {
	it('stray zip entries with path-like names are ignored, never extracted', async () => {
		const file = writeZip([
			storedEntry('../evil.txt', 'x'),
			storedEntry('/abs.txt', 'y'),
			storedEntry('collection.anki2', sqliteBytes()),
			storedEntry('media', '{}'),
		]);
		const opened = await openPackage(file, {tempRoot});
		try {
			expect(opened.collectionEntry).toBe('collection.anki2');
			expect(readdirSync(opened.tempDir)).toEqual(['collection.anki2']);
			expect(existsSync(path.join(work.dir, 'evil.txt'))).toBe(false);
		} finally {
			opened.cleanup();
		}
		expect(readdirSync(tempRoot)).toEqual([]);
	});

	it('no media entry at all (old AnkiDroid) means no media', async () => {
		const opened = await openPackage(writeZip([storedEntry('collection.anki21', sqliteBytes())]), {tempRoot});
		try {
			expect(opened.version).toBe(2);
			expect(opened.media.size).toBe(0);
		} finally {
			opened.cleanup();
		}
	});

	it('without meta, collection.anki21 wins over the dummy collection.anki2', async () => {
		const dummy = sqliteBytes();
		const real = Buffer.concat([sqliteBytes(), Buffer.from('REAL')]);
		const opened = await openPackage(writeZip([deflatedEntry('collection.anki2', dummy), deflatedEntry('collection.anki21', real)]), {tempRoot});
		try {
			expect(opened.collectionEntry).toBe('collection.anki21');
			expect(readFileSync(opened.collectionPath).subarray(-4).toString()).toBe('REAL');
		} finally {
			opened.cleanup();
		}
	});

	it('a modern package re-zipped without meta still yields the anki21b, not the dummy', async () => {
		const real = Buffer.concat([sqliteBytes(), Buffer.from('REAL')]);
		const file = writeZip([storedEntry('collection.anki21b', await zstd(real)), storedEntry('collection.anki2', sqliteBytes())]);
		const opened = await openPackage(file, {tempRoot});
		try {
			expect(opened.version).toBe(3);
			expect(readFileSync(opened.collectionPath).subarray(-4).toString()).toBe('REAL');
		} finally {
			opened.cleanup();
		}
	});

	it('meta version 1 picks collection.anki2 even when collection.anki21 exists', async () => {
		const opened = await openPackage(
			writeZip([storedEntry('meta', Uint8Array.of(8, 1)), storedEntry('collection.anki2', sqliteBytes()), storedEntry('collection.anki21', sqliteBytes())]),
			{tempRoot},
		);
		try {
			expect(opened.version).toBe(1);
			expect(opened.collectionEntry).toBe('collection.anki2');
		} finally {
			opened.cleanup();
		}
	});
});

describe('media entries are checked whether read whole or streamed', () => {
	// Entries up to 1 MiB are read whole with one positional read; larger ones are streamed.
	const small = Buffer.alloc(40_000, 7);
	const large = Buffer.alloc(3 * 1024 * 1024, 7);

	async function extractFrom(entry: RawZipEntry): Promise<{error: Error | undefined; out: string}> {
		const file = writeZip([storedEntry('collection.anki2', sqliteBytes()), entry, storedEntry('media', '{"0": "a.jpg"}')]);
		const opened = await openPackage(file, {tempRoot});
		const out = path.join(work.dir, 'media');
		try {
			const error = await opened.media.extract('a.jpg', out).then(() => undefined, (e: Error) => e);
			return {error, out};
		} finally {
			opened.cleanup();
		}
	}

	for (const [size, data] of [['small', small], ['large', large]] as const) {
		it(`a ${size} media file with a wrong CRC is refused and nothing is written`, async () => {
			const entry = storedEntry('0', data);
			entry.crc = 12345;
			const {error, out} = await extractFrom(entry);
			expectOneLine(error!, /damaged.*"0" fails its CRC check/);
			expect(readdirSync(out)).toEqual([]);
		});

		it(`a ${size} deflated media file larger than declared stops at the declared size`, async () => {
			const entry = deflatedEntry('0', data);
			entry.size = 1000;
			const {error} = await extractFrom(entry);
			expectOneLine(error!, /expands beyond its declared 1000 bytes/);
		});

		it(`a ${size} media file whose local header has its own extra field is read right`, async () => {
			const {error, out} = await extractFrom({...deflatedEntry('0', data), localExtra: Buffer.from([0xca, 0xfe, 4, 0, 1, 2, 3, 4])});
			expect(error).toBeUndefined();
			expect(readFileSync(path.join(out, 'a.jpg')).equals(data)).toBe(true);
		});

		it(`a ${size} stored media file whose local header has its own extra field is read right`, async () => {
			const {error, out} = await extractFrom({...storedEntry('0', data), localExtra: Buffer.from([0xca, 0xfe, 4, 0, 1, 2, 3, 4])});
			expect(error).toBeUndefined();
			expect(readFileSync(path.join(out, 'a.jpg')).equals(data)).toBe(true);
		});
	}
});

describe('a version-3 collection over 1 MiB (stored zstd, read in 1 MiB positional reads)', () => {
	// incompressible bytes after the database, so that the zstd entry itself is over 1 MiB
	async function collection(): Promise<{data: Buffer; compressed: Buffer}> {
		const data = Buffer.concat([sqliteBytes(), pseudoRandomBytes(1_500_000, 7)]);
		return {data, compressed: await zstd(data)};
	}

	it('is extracted byte for byte', async () => {
		const {data, compressed} = await collection();
		expect(compressed.length).toBeGreaterThan(1024 * 1024);
		const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), {...storedEntry('collection.anki21b', compressed), localExtra: Buffer.from([0xca, 0xfe, 2, 0, 1, 2])}]);
		const opened = await openPackage(file, {tempRoot});
		try {
			expect(readFileSync(opened.collectionPath).equals(data)).toBe(true);
		} finally {
			opened.cleanup();
		}
	});

	it('with a wrong CRC is refused', async () => {
		const entry = storedEntry('collection.anki21b', (await collection()).compressed);
		entry.crc = 12345;
		expectOneLine(await failure(writeZip([storedEntry('meta', Uint8Array.of(8, 3)), entry])), /damaged.*CRC/);
	});

	it('with bytes changed in its second MiB is refused', async () => {
		const file = writeZip([storedEntry('meta', Uint8Array.of(8, 3)), storedEntry('collection.anki21b', (await collection()).compressed)]);
		const bytes = readFileSync(file);
		for (let i = 1_200_000; i < 1_200_064; i++) bytes[i] ^= 0x5a;
		writeFileSync(file, bytes);
		expectOneLine(await failure(file), /damaged/);
	});
});
