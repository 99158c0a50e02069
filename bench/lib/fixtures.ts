// The generated inputs of the benchmarks, cached under bench/.cache/<key>/ so repeated runs are
// fast. The key covers the generators' source and the UTC day (cards are due relative to "now").
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {generateCollection} from '../generate.js';
import {writeBenchPackage, type BenchPackageSpec} from '../generate-package.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const benchRoot = path.resolve(here, '..');
export const projectRoot = path.resolve(benchRoot, '..');

/** Changes whenever a generator changes, so stale inputs are never measured. */
export function cacheKey(now = new Date()): string {
	const hash = createHash('sha1');
	for (const f of ['generate.ts', 'generate-package.ts']) hash.update(readFileSync(path.join(benchRoot, f)));
	hash.update(JSON.stringify([collectionNotes, bigPackageSpec, legacyPackageSpec]));
	return `${now.toISOString().slice(0, 10)}-${hash.digest('hex').slice(0, 8)}`;
}

export function cacheDir(): string {
	const dir = path.join(benchRoot, '.cache', cacheKey());
	mkdirSync(dir, {recursive: true});
	return dir;
}

/** Removes cache folders of other keys (old days, old generators): they are several hundred MB. */
export function pruneCache(): void {
	const root = path.join(benchRoot, '.cache');
	if (!existsSync(root)) return;
	const keep = cacheKey();
	for (const entry of readdirSync(root)) if (entry !== keep && !entry.startsWith('cli')) rmSync(path.join(root, entry), {recursive: true, force: true});
}

/** Builds `file` with `make` unless it is cached; a crash never leaves a half-written file behind. */
async function cached(file: string, make: (partial: string) => unknown, log: (s: string) => void): Promise<string> {
	if (existsSync(file)) return file;
	const partial = `${file}.partial`;
	rmSync(partial, {force: true});
	const started = performance.now();
	await make(partial);
	renameSync(partial, file);
	log(`generated ${path.relative(projectRoot, file)} (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return file;
}

export interface BenchInputs {
	/** 50k notes / 100k cards, schema 11 and schema 18. */
	col11: string;
	col18: string;
	/** Rows in the review log of each (about 180k). */
	revlogRows: number;
	/** ~100 MB modern package: the 100k-card collection (zstd) and 3,000 incompressible media files. */
	bigPackage: string;
	bigPackageSpec: BenchPackageSpec;
	/** Legacy package for the side-by-side with anki-reader. */
	legacyPackage: string;
	legacyPackageSpec: BenchPackageSpec;
}

const collectionNotes = 50_000;
// 50k notes, 100k cards, about 180k reviews and 3,000 media files: the package issue 18 measures.
export const bigPackageSpec: BenchPackageSpec = {generation: 'latest', notes: 50_000, mediaFiles: 3000, mediaBytes: 33_000, seed: 7};
// Generation 'anki2' (collection.anki2 only): anki-reader reads only the entry named collection.anki2,
// which in anki21/legacy2/latest packages is Anki's "please update" dummy.
export const legacyPackageSpec: BenchPackageSpec = {generation: 'anki2', notes: 10_000, mediaFiles: 300, mediaBytes: 33_000, seed: 11};

export async function benchInputs(log: (s: string) => void = console.error): Promise<BenchInputs> {
	const dir = cacheDir();
	const now = Date.now();
	const col11 = await cached(path.join(dir, 'col11-50k.anki2'), (out) => generateCollection(out, {schema: 11, notes: collectionNotes, now}), log);
	const col18 = await cached(path.join(dir, 'col18-50k.anki2'), (out) => generateCollection(out, {schema: 18, notes: collectionNotes, now}), log);
	const bigPackage = await cached(path.join(dir, 'big-latest.apkg'), (out) => writeBenchPackage(out, bigPackageSpec, now), log);
	const legacyPackage = await cached(path.join(dir, 'legacy-anki2.apkg'), (out) => writeBenchPackage(out, legacyPackageSpec, now), log);
	const db = new Database(col11, {readonly: true});
	const revlogRows = (db.prepare('SELECT count(*) AS n FROM revlog').get() as {n: number}).n;
	db.close();
	return {col11, col18, revlogRows, bigPackage, bigPackageSpec, legacyPackage, legacyPackageSpec};
}

/** A private copy of a cached collection (benchmarks that write never touch the cache). */
export function copyInto(dir: string, file: string, name = path.basename(file)): string {
	const target = path.join(dir, name);
	copyFileSync(file, target);
	return target;
}
