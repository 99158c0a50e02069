// Every real package in the shared fixtures opens, yields the real collection (never the
// "please update" dummy) and lists/extracts its media with the right bytes.
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {detectFileKind} from '../../source/core/package/file-kind.js';
import {openPackage, type OpenedPackage} from '../../source/core/package/open-package.js';
import {hasShared, noticeIfNoShared, sharedAnki, sharedFile, tempDir} from '../helpers/shared.js';

noticeIfNoShared();

interface Expected {
	version: 1 | 2 | 3;
	entry: string;
	schema: number;
	notes: number;
	media: number;
}

const expected: Record<string, Expected> = {
	'modern-basic.apkg': {version: 3, entry: 'collection.anki21b', schema: 18, notes: 4, media: 0},
	'modern-images.apkg': {version: 3, entry: 'collection.anki21b', schema: 18, notes: 2, media: 2},
	'modern-cloze-audio.apkg': {version: 3, entry: 'collection.anki21b', schema: 18, notes: 5, media: 7},
	'legacy-mode-anki21.colpkg': {version: 2, entry: 'collection.anki21', schema: 11, notes: 196, media: 0},
	'anki21-stock-notetypes-media.apkg': {version: 1, entry: 'collection.anki2', schema: 11, notes: 8, media: 4},
	'anki21-stock-notetypes-media.colpkg': {version: 2, entry: 'collection.anki21', schema: 11, notes: 8, media: 4},
	'anki2-random-reviews.apkg': {version: 1, entry: 'collection.anki2', schema: 11, notes: 25, media: 0},
	'legacy-pasted-images.apkg': {version: 1, entry: 'collection.anki2', schema: 11, notes: 217, media: 31},
	'template-edge-cases.apkg': {version: 1, entry: 'collection.anki2', schema: 11, notes: 48, media: 0},
};

function query<T>(file: string, sql: string): T {
	const db = new Database(file);
	try {
		return db.prepare(sql).pluck().get() as T;
	} finally {
		db.close();
	}
}

const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

describe.skipIf(!hasShared)('openPackage on real Anki packages', () => {
	const packages = hasShared ? readdirSync(sharedAnki).filter((name) => /\.(apkg|colpkg)$/.test(name)) : [];

	it('knows every package in the fixtures folder', () => {
		expect(packages.length).toBeGreaterThanOrEqual(9);
		for (const name of packages) expect(expected, name).toHaveProperty([name]);
	});

	for (const [name, want] of Object.entries(expected)) {
		it(`${name}: picks ${want.entry}, schema ${want.schema}, ${want.notes} notes, ${want.media} media`, async () => {
			const opened = await openPackage(sharedFile(name));
			try {
				expect(opened.version).toBe(want.version);
				expect(opened.collectionEntry).toBe(want.entry);
				expect(query<number>(opened.collectionPath, 'select ver from col')).toBe(want.schema);
				expect(query<number>(opened.collectionPath, 'select count(*) from notes')).toBe(want.notes);
				const dummyNotes = query<number>(
					opened.collectionPath,
					"select count(*) from notes where flds like '%Please update to the latest Anki%' or flds like '%requires a newer version of Anki%'",
				);
				expect(dummyNotes).toBe(0);
				expect(opened.media.size).toBe(want.media);
				expect(opened.warnings).toEqual([]);
			} finally {
				opened.cleanup();
			}
		});
	}

	it('keeps the extracted collection in a private dir and removes it on cleanup', async () => {
		const opened = await openPackage(sharedFile('modern-basic.apkg'));
		expect(path.dirname(opened.collectionPath)).toBe(opened.tempDir);
		expect(statSync(opened.tempDir).mode & 0o777).toBe(0o700);
		expect(statSync(opened.collectionPath).mode & 0o077).toBe(0);
		opened.cleanup();
		opened.cleanup();
		expect(existsSync(opened.tempDir)).toBe(false);
	});

	it('a decompressed anki21b keeps WAL in its header and opens read-write from the temp dir', async () => {
		const opened = await openPackage(sharedFile('modern-basic.apkg'));
		try {
			const header = readFileSync(opened.collectionPath).subarray(0, 20);
			expect([header[18], header[19]]).toEqual([2, 2]);
			const db = new Database(opened.collectionPath);
			expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
			db.prepare('update col set mod = mod').run();
			db.close();
		} finally {
			opened.cleanup();
		}
	});

	describe('modern-images: zstd media matching their MediaEntry', () => {
		let opened: OpenedPackage;
		const out = tempDir();
		beforeAll(async () => {
			opened = await openPackage(sharedFile('modern-images.apkg'));
		});
		afterAll(() => {
			opened?.cleanup();
			out.cleanup();
		});

		it('extracts two JPEGs whose size and SHA-1 match the list', async () => {
			expect(opened.media.names.sort()).toEqual(['18ee219f92b9383301587a794ab09fb6.jpg', 'Image from Facebook (10).jpg']);
			for (const entry of opened.media.entries) {
				const file = await opened.media.extract(entry.name, out.dir);
				expect(file).toBe(path.join(out.dir, entry.name));
				const data = readFileSync(file);
				expect(data.length).toBe(entry.size);
				expect(sha1(data)).toBe(Buffer.from(entry.sha1!).toString('hex'));
				expect([...data.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
			}
		});

		it('reads one file into memory with the same bytes', async () => {
			const entry = opened.media.get('Image from Facebook (10).jpg')!;
			const data = await opened.media.read(entry.name);
			expect(sha1(data)).toBe(Buffer.from(entry.sha1!).toString('hex'));
		});

		it('refers to the media from its notes', () => {
			const fields = query<string>(opened.collectionPath, "select group_concat(flds, ' ') from notes");
			expect(fields).toContain('Image from Facebook (10).jpg');
		});
	});

	it('legacy-pasted-images: extracts all 31 pasted images, with progress', async () => {
		const opened = await openPackage(sharedFile('legacy-pasted-images.apkg'));
		const out = tempDir();
		try {
			const progress: number[] = [];
			const result = await opened.media.extractAll(out.dir, (done, total) => progress.push(done / total));
			expect(result.extracted).toHaveLength(31);
			expect(result.skipped).toEqual([]);
			expect(progress.at(-1)).toBe(1);
			const files = readdirSync(out.dir);
			expect(files).toHaveLength(31);
			for (const file of files) {
				const head = readFileSync(path.join(out.dir, file)).subarray(0, 4);
				if (file.endsWith('.png')) expect(head.subarray(1).toString('latin1')).toBe('PNG');
				else expect([head[0], head[1]]).toEqual([0xff, 0xd8]);
			}
			expect(files.filter((file) => /^paste-[0-9a-f]{40}\.jpg$/.test(file)).length).toBeGreaterThan(20);
		} finally {
			opened.cleanup();
			out.cleanup();
		}
	});

	it('modern-cloze-audio: extracts 7 mp3 files matching their SHA-1', async () => {
		const opened = await openPackage(sharedFile('modern-cloze-audio.apkg'));
		const out = tempDir();
		try {
			const result = await opened.media.extractAll(out.dir);
			expect(result.extracted).toHaveLength(7);
			for (const entry of opened.media.entries) {
				expect(entry.name).toMatch(/\.mp3$/);
				const data = readFileSync(path.join(out.dir, entry.name));
				expect(data.length).toBe(entry.size);
				expect(sha1(data)).toBe(Buffer.from(entry.sha1!).toString('hex'));
			}
			const fields = query<string>(opened.collectionPath, "select group_concat(flds, ' ') from notes");
			for (const name of opened.media.names) expect(fields).toContain(`[sound:${name}]`);
		} finally {
			opened.cleanup();
			out.cleanup();
		}
	});

	it('anki21-stock-notetypes-media: legacy JSON list maps zip entries to real names', async () => {
		const opened = await openPackage(sharedFile('anki21-stock-notetypes-media.apkg'));
		try {
			expect(opened.media.names).toEqual(['favicon.ico', 'bloop.wav', 'png1.png', 'png2.png']);
			expect(opened.media.get('bloop.wav')?.zipEntry).toBe('1');
			const wav = await opened.media.read('bloop.wav');
			expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
			const png = await opened.media.read('png1.png');
			expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		} finally {
			opened.cleanup();
		}
	});

	it('the native and the pure-JS zstd decoders give identical collections and media', async () => {
		const native = await openPackage(sharedFile('modern-cloze-audio.apkg'), {zstdEngine: 'native'});
		const js = await openPackage(sharedFile('modern-cloze-audio.apkg'), {zstdEngine: 'js'});
		try {
			expect(sha1(readFileSync(native.collectionPath))).toBe(sha1(readFileSync(js.collectionPath)));
			expect(js.media.names).toEqual(native.media.names);
			for (const name of native.media.names) {
				expect(sha1(await js.media.read(name))).toBe(sha1(await native.media.read(name)));
			}
		} finally {
			native.cleanup();
			js.cleanup();
		}
	});

	it('detectFileKind tells packages, collections and other files apart', () => {
		expect(detectFileKind(sharedFile('modern-basic.apkg'))).toBe('zip');
		expect(detectFileKind(sharedFile('legacy-mode-anki21.colpkg'))).toBe('zip');
		expect(detectFileKind(sharedFile('schema18-empty.anki2'))).toBe('sqlite');
		expect(detectFileKind(sharedFile('PROVENANCE.md'))).toBe('unknown');
	});
});
