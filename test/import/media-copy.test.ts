// Media files of a package are copied on a worker thread while the merge runs; the main thread
// copies whatever the worker does not (and reports damage as usual); a failed merge takes them back.
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {openPackage} from '../../source/core/package/open-package.js';
import {planMedia} from '../../source/core/package/merge-media.js';
import {startMediaCopy} from '../../source/core/package/media-copy.js';
import {mediaName, pseudoRandomBytes, writeBenchPackage} from '../../bench/generate-package.js';
import {AnkiFileError} from '../../source/core/errors.js';
import {buildZip, storedEntry} from '../helpers/zip.js';
import {tempDir} from '../helpers/shared.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

async function packageWithMedia(files: number): Promise<{file: string; dir: string}> {
	const t = tempDir('anki-tui-media-copy-');
	cleanups.push(t.cleanup);
	const file = path.join(t.dir, 'media.apkg');
	await writeBenchPackage(file, {generation: 'latest', notes: files, mediaFiles: files, mediaBytes: 3000, seed: 5}, Date.UTC(2026, 0, 5));
	return {file, dir: t.dir};
}

async function copyAll(file: string, mediaDir: string, workerMinFiles: number) {
	const pkg = await openPackage(file);
	cleanups.push(() => pkg.cleanup());
	const plan = await planMedia(pkg.media, mediaDir);
	for (const entry of plan.byName.values()) entry.used = true;
	return startMediaCopy(pkg.media, plan, mediaDir, {workerMinFiles});
}

describe('copying a package media files', () => {
	it('copies every file on the worker thread, byte for byte', async () => {
		const {file, dir} = await packageWithMedia(40);
		const mediaDir = path.join(dir, 'collection.media');
		const copy = await copyAll(file, mediaDir, 1);
		expect(await copy.done).toBe(40);
		expect(copy.copiedOnWorker).toBe(40);
		expect(readdirSync(mediaDir).sort()).toEqual(Array.from({length: 40}, (_, i) => mediaName(i)));
		for (const i of [0, 17, 39]) expect(readFileSync(path.join(mediaDir, mediaName(i))).equals(pseudoRandomBytes(3000, 5 * 100_003 + i))).toBe(true);
	});

	it('copies on this thread below the worker threshold', async () => {
		const {file, dir} = await packageWithMedia(5);
		const copy = await copyAll(file, path.join(dir, 'm'), 64);
		expect(await copy.done).toBe(5);
		expect(copy.copiedOnWorker).toBe(0);
	});

	it('stops the worker at a damaged file; this thread meets it and reports it as one line', async () => {
		const t = tempDir('anki-tui-media-copy-');
		cleanups.push(t.cleanup);
		const col = path.join(t.dir, 'c.anki2');
		const db = new Database(col);
		db.exec('create table col (id integer primary key, ver integer); insert into col values (1, 11)');
		db.close();
		const files = Array.from({length: 12}, (_, i) => {
			const entry = storedEntry(String(i), `file ${i}`);
			if (i === 7) entry.crc = 1;
			return entry;
		});
		const names = Object.fromEntries(files.map((_, i) => [String(i), `f${i}.txt`]));
		const file = path.join(t.dir, 'damaged.apkg');
		writeFileSync(file, buildZip([storedEntry('collection.anki2', readFileSync(col)), ...files, storedEntry('media', JSON.stringify(names))]));
		const mediaDir = path.join(t.dir, 'collection.media');
		const copy = await copyAll(file, mediaDir, 1);
		const error = await copy.done.then(() => undefined, (e: Error) => e);
		expect(error).toBeInstanceOf(AnkiFileError);
		expect(error!.message).toMatch(/damaged\.apkg.*"7" fails its CRC check/);
		expect(copy.copiedOnWorker).toBe(7);
		expect(readdirSync(mediaDir).sort()).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt', 'f6.txt']);
		await copy.undo();
		expect(readdirSync(mediaDir)).toEqual([]);
	});

	it('undo removes the copied files', async () => {
		const {file, dir} = await packageWithMedia(30);
		const mediaDir = path.join(dir, 'collection.media');
		const copy = await copyAll(file, mediaDir, 1);
		await copy.undo();
		expect(readdirSync(mediaDir)).toEqual([]);
		expect(existsSync(mediaDir)).toBe(true);
	});
});

describe('placing a package media files', () => {
	it('reads a same-named file in the folder only when a note uses the package file (a second import reads none)', async () => {
		const {file, dir} = await packageWithMedia(3);
		const mediaDir = path.join(dir, 'collection.media');
		// A folder where a file would be: hashing it would fail (EISDIR), so the plan must not touch it.
		mkdirSync(path.join(mediaDir, mediaName(0)), {recursive: true});
		writeFileSync(path.join(mediaDir, mediaName(1)), 'other bytes');
		const pkg = await openPackage(file);
		cleanups.push(() => pkg.cleanup());
		const plan = await planMedia(pkg.media, mediaDir);
		expect(plan.toCopy()).toEqual([]);
		// used: the file with other bytes gets its hash-suffixed name, the free name is copied as is
		const target = plan.use(mediaName(1))!;
		expect(target).toMatch(new RegExp(`^${mediaName(1).replace(/\.[^.]+$/, '')}-[0-9a-f]{40}\\.`));
		expect(plan.use(mediaName(2))).toBe(mediaName(2));
		expect(plan.toCopy().map(m => [m.source, m.target, m.renamed])).toEqual([
			[mediaName(1), target, true],
			[mediaName(2), mediaName(2), false],
		]);
		expect(() => plan.use(mediaName(0))).toThrow(/EISDIR/);
	});
});
