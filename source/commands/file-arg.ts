// Commands that take an optional FILE before their own words (search, deck, filtered, custom-study).
import {existsSync} from 'node:fs';
import {inspectInputFile} from '../core/collection/file-checks.js';

const ANKI_FILE = /\.(anki2|anki21|anki21b|apkg|colpkg)$/i;

/**
 * FILE is optional: the first argument is FILE when it names an existing file (or looks like an
 * Anki file, so a typo is reported as a missing file); the rest are the command's words.
 */
export function splitFileArg(args: readonly string[]): {file: string | undefined; rest: string[]} {
	const [first, ...rest] = args;
	if (first !== undefined && (ANKI_FILE.test(first) || (args.length > 1 && existsSync(first)))) {
		inspectInputFile(first); // the shared check: a missing file, a folder, a pipe... each in one line
		return {file: first, rest};
	}
	return {file: undefined, rest: [...args]};
}
