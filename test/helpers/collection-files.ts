// Running a check against a whole collection file: a project fixture or a shared real Anki file
// (a raw collection, or a package opened into a private copy), or a generated bench collection.
import path from 'node:path';
import {describe, it} from 'vitest';
import {generateCollection} from '../../bench/generate.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {openPackage} from '../../source/core/package/open-package.js';
import {noticeIfNoShared, projectRoot, sharedAnki, sharedFile, tempDir} from './shared.js';

/** The shared real Anki files the row tests read (`.anki2` files as private copies). */
const SHARED_ROW_FILES = [
	'schema14-japanese-furigana.anki2',
	'schema18-two-decks.anki2',
	'anki21-stock-notetypes-media.apkg',
	'modern-cloze-audio.apkg',
	'modern-images.apkg',
	'legacy-pasted-images.apkg',
	'template-edge-cases.apkg',
	'anki2-random-reviews.apkg',
];

/** The path of a shared file by name, as withCollectionFile takes it. */
function sharedRowFile(name: string): string {
	return name.endsWith('.anki2') ? sharedFile(name) : path.join(sharedAnki, name);
}

/** Opens a collection or package read-only, runs `check` on it, and closes and cleans up after. */
async function withCollectionFile(file: string, check: (col: Collection) => void): Promise<void> {
	const pkg = file.endsWith('.anki2') ? undefined : await openPackage(file);
	const col = openCollection(pkg?.collectionPath ?? file, {readOnly: true, privateCopy: pkg !== undefined});
	try {
		check(col);
	} finally {
		col.close();
		pkg?.cleanup();
	}
}

/** Generates a bench collection of `notes` notes in a temp folder, runs `check` on it, and removes it. */
export function withBenchCollection(schema: 11 | 18, notes: number, check: (col: Collection) => void): void {
	const temp = tempDir('anki-tui-bench-collection-');
	try {
		const file = path.join(temp.dir, 'bench.anki2');
		generateCollection(file, {schema, notes});
		const col = openCollection(file, {readOnly: true});
		try {
			check(col);
		} finally {
			col.close();
		}
	} finally {
		temp.cleanup();
	}
}

/**
 * One test per project fixture collection and per shared real Anki file (skipped with a visible
 * notice when ../shared is absent), each running `check` on the opened collection.
 */
export function itOnEveryCollectionFile(what: string, check: (col: Collection) => void): void {
	it.each(['schema11.anki2', 'schema18.anki2', 'latest.apkg', 'anki21.apkg'])(`${what} on the project fixture %s`, async name => {
		await withCollectionFile(path.join(projectRoot, 'fixtures', name), check);
	});
	describe(`${what} on real Anki files`, () => {
		const shared = noticeIfNoShared();
		it.skipIf(!shared).each(SHARED_ROW_FILES)('%s', async name => {
			await withCollectionFile(sharedRowFile(name), check);
		});
	});
}
