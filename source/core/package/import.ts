// `anki-tui import FILE`: merges an .apkg/.colpkg (or a raw .anki2 collection) into a collection the way Anki's importer does
// (rslib import_export/package/apkg/import): notetypes, notes by guid, decks by name, cards with
// their scheduling and history, media once. All database changes happen in one transaction (the
// collection backs itself up before its first write). The package's collection is attached to the
// collection's connection and its rows are merged by SQL (merge-tables.ts): what to add is planned
// first in temporary tables, and a package that brings nothing new opens no transaction at all
// (without-writing.ts); media files are copied meanwhile (media-copy.ts).
import path from 'node:path';
import type {Collection} from '../collection/types.js';
import {openCollection} from '../collection/open.js';
import {openImportInput} from './merge-input.js';
import {planCards, writeCards} from './merge-cards.js';
import {mergeDecks} from './merge-decks.js';
import {planMedia} from './merge-media.js';
import {startMediaCopy, type MediaCopy} from './media-copy.js';
import {planNoteMedia, planNotes, writeNotes, type NoteMediaEdit} from './merge-notes.js';
import {mergeNotetypes} from './merge-notetypes.js';
import {collectionToday, configNumber, gatherSource, schedulingIncluded, type SourceData} from './merge-source.js';
import {attachSource} from './merge-tables.js';
import {emptySummary, type ImportSummary} from './merge-summary.js';
import {isV1, upgradeToV2, upgradeV1SchedulerIfNeeded} from '../scheduler/upgrade-v1.js';
import {withoutWriting} from './without-writing.js';
import {isEmptyCollection, withRollbackJournal} from './empty-target.js';

export type ImportPhase = 'reading' | 'media-check' | 'notes' | 'media';

export interface ImportProgress {
	phase: ImportPhase;
	done: number;
	total: number;
}

export interface ImportOptions {
	/** The collection's media folder (collection.media beside it). */
	mediaDir: string;
	onProgress?: (progress: ImportProgress) => void;
	/** Clock for tests (ms). */
	now?: number;
	/** From this many media files on, they are copied on a worker thread (tests). */
	mediaWorkerMinFiles?: number;
	/** Tests: the general path even into an empty collection (empty-target.ts must write the same). */
	generalPathOnly?: boolean;
}

/**
 * `target` may be a function that opens (or creates) the collection: it is called only once the
 * package has been read and checked, so a bad package leaves no collection behind.
 */
export async function importPackage(target: Collection | (() => Collection), packagePath: string, options: ImportOptions): Promise<ImportSummary> {
	const now = options.now ?? Date.now();
	const nowSecs = Math.floor(now / 1000);
	const summary = emptySummary(packagePath);
	const progress = options.onProgress ?? (() => {});
	progress({phase: 'reading', done: 0, total: 1});

	const pkg = await openImportInput(packagePath);
	try {
		summary.warnings.push(...pkg.warnings);
		// The extracted collection is our private copy: it may be upgraded in place like Anki does.
		let data: SourceData;
		const source = openCollection(pkg.collectionPath, {privateCopy: true});
		try {
			if (isV1(source.adapter) && schedulingIncluded(source.db)) {
				source.transaction(() => upgradeToV2(source.db, source.adapter, now));
			}
			data = gatherSource(source.db, source.adapter, nowSecs);
		} finally {
			source.close();
		}
		progress({phase: 'reading', done: 1, total: 1});

		progress({phase: 'media-check', done: 0, total: pkg.media.size});
		const plan = await planMedia(pkg.media, options.mediaDir);
		progress({phase: 'media-check', done: pkg.media.size, total: pkg.media.size});

		const col = typeof target === 'function' ? target() : target;
		const backupBefore = col.backupPath;
		const detach = attachSource(col.db, pkg.collectionPath);
		let media: MediaCopy | undefined;
		const startMedia = () =>
			startMediaCopy(pkg.media, plan, options.mediaDir, {
				workerMinFiles: options.mediaWorkerMinFiles,
				onFile: (done, total) => progress({phase: 'media', done, total}),
			});
		try {
			progress({phase: 'notes', done: 0, total: 1});
			// Planned before the write transaction when the collection's notetypes stay as they are
			// (the plan reads only them): when nothing is new there is no transaction at all, and the
			// media files the new notes use are being copied while the notes are written.
			let planned: {notes: boolean; cards: boolean; mediaEdits: NoteMediaEdit[]} | undefined;
			let nothingNew = false;
			if (!isV1(col.adapter)) {
				const remap = withoutWriting(col.db, col.adapter, view => mergeNotetypes(view, data.notetypes, nowSecs).remap);
				if (remap) {
					const targetNotetypes = new Map(col.adapter.notetypes().map(nt => [nt.id, nt]));
					const notes = planNotes(col.db, remap, targetNotetypes, summary);
					planned = {notes, cards: planCards(col.db), mediaEdits: planNoteMedia(col.db, targetNotetypes, plan)};
					media = startMedia();
					const targetToday = collectionToday(col.db, col.adapter, nowSecs);
					const decksUnchanged = () =>
						withoutWriting(col.db, col.adapter, view => mergeDecks(view, data.decks, data.deckConfigs, {sourceToday: data.today, targetToday, nowSecs})) !== undefined;
					nothingNew = !planned.notes && !planned.cards && decksUnchanged();
				}
			}
			// Into an empty collection (a new one) the rows are loaded in bulk (empty-target.ts).
			const bulk = !nothingNew && !options.generalPathOnly && isEmptyCollection(col.db);
			const write = (fn: () => void) => (bulk ? withRollbackJournal(col.db, () => col.transaction(fn)) : col.transaction(fn));
			if (!nothingNew) {
				write(() => {
					// Current Anki refuses to import into a v1 collection until it is upgraded; we upgrade it
					// (after the backup) and say so in the summary.
					summary.schedulerUpgraded = upgradeV1SchedulerIfNeeded(col, now);
					const targetToday = collectionToday(col.db, col.adapter, nowSecs);
					const notetypes = mergeNotetypes(col.adapter, data.notetypes, nowSecs);
					summary.notetypesAdded = notetypes.added;
					const targetNotetypes = new Map(col.adapter.notetypes().map(nt => [nt.id, nt]));
					let mediaEdits = planned?.mediaEdits;
					if (!mediaEdits) {
						planNotes(col.db, notetypes.remap, targetNotetypes, summary);
						mediaEdits = planNoteMedia(col.db, targetNotetypes, plan);
						// The notes tell which files are used: copy them while the cards are planned and the
						// notes, cards and history written.
						media = startMedia();
						planCards(col.db);
					}
					writeNotes(col.db, col.adapter, mediaEdits);
					const decks = mergeDecks(col.adapter, data.decks, data.deckConfigs, {sourceToday: data.today, targetToday, nowSecs});
					summary.decksAdded = decks.added;
					summary.deckConfigsAdded = decks.configsAdded;
					const maxNew = writeCards(col.db, {deckMap: decks.remap, delta: data.today - targetToday}, summary);
					// keep cards added later behind the imported new cards
					const nextPos = configNumber(col.adapter, 'nextPos') ?? 1;
					if (maxNew >= nextPos) col.adapter.setConfig('nextPos', maxNew + 1, nowSecs);
					if (summary.notesAdded || summary.notesUpdated || summary.cardsAdded || summary.revlogAdded || summary.decksAdded || summary.notetypesAdded || summary.deckConfigsAdded || summary.schedulerUpgraded) {
						col.touch(now);
					}
				});
			}
			progress({phase: 'notes', done: 1, total: 1});
		} catch (error) {
			await media?.undo();
			throw error;
		} finally {
			detach();
		}
		if (col.backupPath !== backupBefore) summary.backupPath = col.backupPath;

		const toCopy = plan.toCopy();
		progress({phase: 'media', done: 0, total: toCopy.length});
		summary.mediaAdded = await media!.done;
		summary.mediaRenamed = toCopy.filter(m => m.renamed).length;
		return summary;
	} finally {
		pkg.cleanup();
	}
}

/** The name to show for a package in messages. */
export function packageDisplayName(packagePath: string): string {
	return path.basename(packagePath);
}
