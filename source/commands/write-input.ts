// The collection a writing command (deck, filtered, custom-study) changes: an Anki collection file
// named first, or --collection / --profile / anki-tui's own. A package is refused: its collection
// is a temporary copy, so changes to it would be thrown away.
import {AnkiFileError, UsageError} from '../core/errors.js';
import type {Collection} from '../core/collection/types.js';
import {upgradeV1SchedulerIfNeeded} from '../core/scheduler/upgrade-v1.js';
import type {Flags} from './flags.js';
import {splitFileArg} from './file-arg.js';
import {checkInputFile, openInput} from './open-input.js';
import {textWriter} from './terminal-output.js';

export interface WriteInput {
	col: Collection;
	/** The arguments after FILE. */
	words: string[];
	close(): void;
}

/** Opens the collection to change; a collection on the v1 scheduler is upgraded first, as every writing command does. */
export async function openForWriting(args: readonly string[], flags: Flags, stderr: NodeJS.WritableStream = process.stderr): Promise<WriteInput> {
	const notice = textWriter(stderr);
	const {file, rest} = splitFileArg(args);
	// Judged by content, after the shared check: a package's collection is a temporary copy.
	if (file !== undefined && checkInputFile(file) === 'zip') {
		throw new AnkiFileError(`${file} is a package; import it first (anki-tui import ${file}), then change your collection.`);
	}
	const input = await openInput(file, {collection: flags.collection, readOnly: false});
	try {
		if (upgradeV1SchedulerIfNeeded(input.collection, Date.now())) {
			const backup = input.collection.backupPath;
			notice(`${input.collection.path} was on Anki's old v1 scheduler; upgraded to v2 as current Anki does${backup ? ` (backup: ${backup})` : ''}. Its next sync will be a full sync.\n`);
		}
	} catch (error) {
		input.close();
		throw error;
	}
	return {col: input.collection, words: rest, close: () => input.close()};
}

/** A whole number given to a flag, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: string): number {
	if (!/^[+-]?\d+$/.test(value.trim())) throw new UsageError(`--${flag} takes a whole number (got "${value}").`);
	return Number(value.trim());
}
