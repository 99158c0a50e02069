// dist/cli-paint.cjs: run by the launcher before the whole CLI for a start that may show the deck
// list (bin/anki-tui.js with no command or `review`), so the list is on screen before the 1.8 MB of
// the app are even read (commands/first-paint.ts). Only the plainest command lines paint; anything
// else (a package, --deck, --profile, --help, a flag it does not know) is left to the app.
import {existsSync} from 'node:fs';
import {paintEarly} from './commands/first-paint.js';
import {checkInputFile} from './commands/open-input.js';
import {resolveCollectionPath} from './core/collection/local.js';

/** The collection file of `anki-tui [review] [FILE.anki2] [--collection PATH] [--no-color]`, or null. */
export function plainStart(args: readonly string[], env: NodeJS.ProcessEnv): {file: string; noColor: boolean} | null {
	let collection: string | undefined;
	let file: string | undefined;
	let noColor = false;
	let index = args[0] === 'review' ? 1 : 0;
	for (; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--no-color') noColor = true;
		else if (arg === '--collection' && index + 1 < args.length) collection = args[++index];
		else if (arg.startsWith('--collection=')) collection = arg.slice('--collection='.length);
		else if (args[0] === 'review' && file === undefined && !arg.startsWith('-')) file = arg;
		else return null;
	}
	try {
		if (file !== undefined) return checkInputFile(file) === 'sqlite' ? {file, noColor} : null;
		const location = resolveCollectionPath({collection}, env);
		return existsSync(location.path) ? {file: location.path, noColor} : null;
	} catch {
		return null;
	}
}

const start = plainStart(process.argv.slice(2), process.env);
if (start) paintEarly(start.file, {noColor: start.noColor || (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '')});
