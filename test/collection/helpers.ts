// Test helpers for the collection layer: temp copies, raw SQL checks, entries from real packages.
import {createHash} from 'node:crypto';
import {createWriteStream, readFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import {loadUnicase} from '../../source/core/collection/unicase.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection, SchemaAdapter} from '../../source/core/collection/types.js';
import type {DeckConfigName, DeckOutline, NotetypeOutline} from '../../source/core/model.js';
import {copyToTemp, sharedFile, tempDir} from '../helpers/shared.js';

export function sha1(file: string): string {
	return createHash('sha1').update(readFileSync(file)).digest('hex');
}

/** A raw connection with unicase, for counting things independently of the code under test. */
export function rawDb(file: string): Database.Database {
	const db = new Database(file);
	loadUnicase(db);
	return db;
}

/** Extracts one entry of a real package (zip) into a fresh temp dir. */
export async function extractEntry(zipFile: string, entryName: string): Promise<{file: string; cleanup: () => void}> {
	const temp = tempDir();
	const target = path.join(temp.dir, entryName);
	await new Promise<void>((resolve, reject) => {
		yauzl.open(zipFile, {lazyEntries: true}, (error, zip) => {
			if (error || !zip) return reject(error ?? new Error('no zip'));
			zip.on('entry', (entry: yauzl.Entry) => {
				if (entry.fileName !== entryName) return zip.readEntry();
				zip.openReadStream(entry, (streamError, stream) => {
					if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
					const out = createWriteStream(target);
					out.on('finish', () => {
						zip.close();
						resolve();
					});
					stream.pipe(out);
				});
			});
			zip.on('end', () => reject(new Error(`${entryName} not in ${zipFile}`)));
			zip.readEntry();
		});
	});
	return {file: target, cleanup: temp.cleanup};
}

const openedCopies: Array<() => void> = [];

/** Opens a private copy of a shared fixture; closeSharedCopies() (from afterEach) closes and removes it. */
export function openSharedCopy(fixture: string, readOnly = false): {collection: Collection; file: string} {
	const temp = copyToTemp(sharedFile(fixture));
	const collection = openCollection(temp.file, {readOnly});
	openedCopies.push(temp.cleanup, () => collection.close());
	return {collection, file: temp.file};
}

/** Opens a private writable copy of any collection file; closeSharedCopies() (from afterEach) closes and removes it. */
export function openCopyOf(file: string): Collection {
	const temp = copyToTemp(file);
	const collection = openCollection(temp.file, {readOnly: false});
	openedCopies.push(temp.cleanup, () => collection.close());
	return collection;
}

export function closeSharedCopies(): void {
	while (openedCopies.length > 0) openedCopies.pop()!();
}

/** What a search reads of note types, decks and presets, as plain values to compare. */
function searchParts(notetypes: readonly NotetypeOutline[], decks: readonly DeckOutline[], presets: readonly DeckConfigName[]) {
	return {
		notetypes: notetypes.map(nt => ({
			id: nt.id,
			name: nt.name,
			kind: nt.kind,
			sortFieldIndex: nt.sortFieldIndex,
			fields: nt.fields.map(field => ({name: field.name, ord: field.ord, excludeFromSearch: field.extra?.['excludeFromSearch'] === true})),
			templates: nt.templates.map(template => ({name: template.name, ord: template.ord})),
		})),
		decks: decks.map(deck => ({id: deck.id, name: deck.name, configId: deck.normal ? deck.normal.configId : null})),
		presets: presets.map(config => ({id: config.id, name: config.name})),
	};
}

/** Those parts of the adapter's full reads (notetypes, decks, deckConfigs: schema 18 decodes every blob). */
export const fromFullReads = (adapter: SchemaAdapter) => searchParts(adapter.notetypes(), adapter.decks(), adapter.deckConfigs());

/** The same parts from the search outlines (notetypeOutlines, deckOutlines, deckConfigNames). */
export const fromOutlines = (adapter: SchemaAdapter) => searchParts(adapter.notetypeOutlines(), adapter.deckOutlines(), adapter.deckConfigNames());
