// Deterministic packages for the import and side-by-side benchmarks: a generated collection whose
// first notes show a picture each, plus that many media files of seeded pseudo-random
// (incompressible) bytes, written by writePackage exactly as the chosen Anki generation would.
// Usage: node --import tsx bench/generate-package.ts OUT.apkg [--generation latest|legacy2|anki21|anki2]
//          [--notes 10000] [--media 3000] [--media-bytes 33000] [--seed 7]
import Database from 'better-sqlite3';
import {mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createCollection} from '../source/core/collection/create.js';
import {writePackage, type PackageGeneration, type PackageMediaFile} from '../scripts/lib/write-package.js';
import {generateCollection} from './generate.js';

export interface BenchPackageSpec {
	generation: PackageGeneration;
	notes: number;
	mediaFiles: number;
	/** Size of each media file. */
	mediaBytes: number;
	seed: number;
}

export function mediaName(index: number): string {
	return `bench-${String(index + 1).padStart(4, '0')}.jpg`;
}

/** xorshift32 stream: fast, seeded, and (for zip and zstd) as incompressible as real photos. */
export function pseudoRandomBytes(size: number, seed: number): Buffer {
	const words = new Uint32Array(Math.ceil(size / 4));
	let x = (seed * 2654435761) >>> 0 || 1;
	for (let i = 0; i < words.length; i++) {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		words[i] = x;
	}
	return Buffer.from(words.buffer, 0, size);
}

/** Writes the package to `out` and returns what it holds. */
export async function writeBenchPackage(out: string, spec: BenchPackageSpec, now = Date.now()): Promise<{cards: number; notes: number; media: number; bytes: number}> {
	const work = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-pkg-'));
	try {
		// Modern packages carry a schema-18 collection; the older layouts schema 11.
		const schema = spec.generation === 'latest' ? 18 : 11;
		const collectionFile = path.join(work, 'collection.anki2');
		const made = generateCollection(collectionFile, {schema, notes: spec.notes, now});
		const mediaDir = path.join(work, 'media');
		mkdirSync(mediaDir);
		const media: PackageMediaFile[] = [];
		const db = new Database(collectionFile);
		const link = db.prepare("UPDATE notes SET flds = flds || ? WHERE id = (SELECT id FROM notes ORDER BY id LIMIT 1 OFFSET ?)");
		db.transaction(() => {
			for (let i = 0; i < spec.mediaFiles; i++) {
				const name = mediaName(i);
				const file = path.join(mediaDir, name);
				writeFileSync(file, pseudoRandomBytes(spec.mediaBytes, spec.seed * 100_003 + i));
				media.push({name, path: file});
				// Appended to the last field (the back), so sort field and checksum stay right.
				link.run(`<br><img src="${name}">`, i % spec.notes);
			}
		})();
		// Exported collections are in rollback-journal mode, except anki21b which keeps WAL (as Anki's exporter).
		db.pragma(`journal_mode = ${spec.generation === 'latest' ? 'wal' : 'delete'}`);
		db.close();
		let dummyCollectionFile: string | undefined;
		if (spec.generation !== 'anki2') {
			dummyCollectionFile = path.join(work, 'dummy.anki2');
			createCollection(dummyCollectionFile, {schema: 11, now, idSeed: 1, pageSize: 512});
		}
		await writePackage(out, {generation: spec.generation, kind: 'apkg', collectionFile, dummyCollectionFile, media, now: new Date(now)});
		return {cards: made.cards, notes: made.notes, media: media.length, bytes: statSync(out).size};
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = process.argv[2];
	if (!out) {
		console.error('usage: bench/generate-package.ts OUT.apkg [--generation latest] [--notes 10000] [--media 3000] [--media-bytes 33000] [--seed 7]');
		process.exit(64);
	}
	const arg = (name: string) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? process.argv[i + 1] : undefined;
	};
	const spec: BenchPackageSpec = {
		generation: (arg('--generation') ?? 'latest') as PackageGeneration,
		notes: Number(arg('--notes') ?? 10_000),
		mediaFiles: Number(arg('--media') ?? 3000),
		mediaBytes: Number(arg('--media-bytes') ?? 33_000),
		seed: Number(arg('--seed') ?? 7),
	};
	const started = performance.now();
	const result = await writeBenchPackage(out, spec);
	console.log(`${out}: ${spec.generation}, ${result.notes} notes, ${result.cards} cards, ${result.media} media, ${(result.bytes / 2 ** 20).toFixed(1)} MiB in ${Math.round(performance.now() - started)} ms`);
}
