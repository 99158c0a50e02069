// `anki-tui import FILE`: merge a package into the chosen collection (the local one by default).
import {UsageError} from '../core/errors.js';
import {ensureLocalCollection} from '../core/collection/local.js';
import {openCollection} from '../core/collection/open.js';
import type {Collection} from '../core/collection/types.js';
import {importPackage, packageDisplayName} from '../core/package/import.js';
import {summaryLine, type ImportSummary} from '../core/package/merge-summary.js';
import type {CommandContext} from './flags.js';
import {printJson} from './json-output.js';
import {checkInputFile, probeNamedCollection} from './open-input.js';
import {progressBar} from './progress-bar.js';
import {printErr, printOut} from './terminal-output.js';

const phaseLabel = {reading: 'Reading', 'media-check': 'Checking media', notes: 'Importing notes', media: 'Copying media'};

/** Imports FILE into the collection chosen by --collection / ANKI_TUI_COLLECTION / the local default. */
export async function importIntoCollection(file: string, collectionFlag: string | undefined): Promise<{summary: ImportSummary; collectionPath: string}> {
	checkInputFile(file);
	// A collection Anki holds is refused before a big package is read for nothing.
	const location = probeNamedCollection(collectionFlag);
	// Created and opened only once the package has been read: a bad one leaves nothing behind.
	let collection: Collection | undefined;
	const openTarget = () => (collection = openCollection(ensureLocalCollection({collection: collectionFlag}).path));
	const bar = progressBar();
	try {
		const summary = await importPackage(openTarget, file, {
			mediaDir: location.mediaDir,
			onProgress: ({phase, done, total}) => bar.update(phaseLabel[phase], done, total),
		});
		return {summary, collectionPath: location.path};
	} finally {
		bar.done();
		collection?.close();
	}
}

export async function runImport({file, flags}: CommandContext): Promise<number> {
	if (!file) throw new UsageError('import needs a package: anki-tui import FILE.apkg');
	const {summary, collectionPath} = await importIntoCollection(file, flags.collection);
	if (flags.json) {
		printJson({...summary, collection: collectionPath});
		return 0;
	}
	for (const warning of summary.warnings) printErr(`warning: ${warning}\n`);
	if (summary.schedulerUpgraded) {
		printErr('The collection was on the old v1 scheduler and has been upgraded to v2, as Anki does (a backup was taken first).\n');
	}
	printOut(`${summaryLine(summary, packageDisplayName(file))}\n`);
	return 0;
}
