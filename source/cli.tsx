// Thin entry: parse arguments, pick a command, print user errors as one line. Commands are
// imported lazily so scripting commands never load the UI.
import meow from 'meow';
import {AnkiTuiError, UsageError} from './core/errors.js';
import {commands, flagSpecFor, isCommandName, joinFlagValues, unknownFlags, usageLine, type CommandSpec} from './commands/flags.js';
import {mayExitNow} from './commands/prompt-exit.js';
import {printErr, safeLine, stdoutIsTerminal} from './commands/terminal-output.js';

/** The help's Usage lines, from the commands of commands/flags.ts. */
function usageLines(): string {
	const column = 37;
	const block = (usages: readonly string[], summary: string): string[] => {
		const lines = usages.flatMap((usage) => usage.split('\n').map((part, i) => (i === 0 ? `  $ ${part}` : `${' '.repeat(21)}${part.trim()}`)));
		const [first, ...more] = summary.split('\n');
		const last = lines.at(-1)!;
		if (lines.length === 1 && last.length < column) lines[0] = `${last.padEnd(column)}${first}`;
		else lines.push(`${' '.repeat(column)}${first}`);
		return [...lines, ...more.map((part) => `${' '.repeat(column)}${part}`)];
	};
	const specs: CommandSpec[] = Object.values(commands);
	return [block(['anki-tui'], 'Deck browser of your collection'), ...specs.map((spec) => block(spec.usage, spec.summary))].flat().join('\n');
}

const argv = joinFlagValues(process.argv.slice(2));
// The flags of the command named first (the launcher's script for it holds only that command).
const parsed = flagSpecFor(argv[0]);

const cli = meow(
	`
Usage
${usageLines()}

Options
  --collection PATH   Collection to use (default: $ANKI_TUI_COLLECTION, else
                      anki-tui's own collection.anki2; see the README)
  --profile NAME      Open an Anki profile's collection in place
  --base DIR          Anki's base folder (Anki's -b) for profiles and --profile
  --deck NAME         Deck (full name, e.g. "Spanish::Verbs")
  --card ID           One card by id (show)
  --period P          Statistics over 1m, 3m, 1y or all (default 1m)
  --notetype NAME     Notetype of a new note (add)
  --field NAME=VALUE  A field's HTML; repeat for several (edit, add)
  --tags "a b"        The note's tags, separated by spaces (edit, add)
  --json              Machine-readable output
  --notes             One row per note (search)
  --no-color          No colours (NO_COLOR is honoured too)
  --endpoint URL      Sync server, e.g. http://127.0.0.1:8080/
  --user NAME         Sync user name
  --password-stdin    Read the sync password from standard input
  --upload/--download Resolve a full-sync conflict in that direction
  --protocol V        Sync protocol: auto (default), legacy or v11
  --yes               Delete a deck with its cards without asking (deck delete)
  --limit N, --order NAME, --no-reschedule, --search2/--limit2/--order2,
  --preview-again/--preview-hard/--preview-good SECS, --allow-empty
                      Filtered deck settings (see the README); --limit N and
                      --tags "a b -c" also go with custom-study --cards
  --set KEY=VALUE     Change an option (options; repeatable), e.g. new.perDay=30
  --preset NAME       Give the deck this preset (options)
  --add-preset NAME   A new preset (Anki's defaults) for the deck (options); also
                      --clone-preset NAME, --rename-preset NAME, --remove-preset NAME
  --optimize          Optimize the preset's FSRS parameters (options)
  --evaluate          Log loss and RMSE of the preset's FSRS parameters (options)
  --reschedule        With an FSRS change, reschedule cards as Anki does (options)
  --debug             Show stack traces
  --version, --help

Examples
  $ anki-tui review deck.apkg
  $ anki-tui --profile "User 1"
  $ anki-tui decks ~/.local/share/Anki2/User\\ 1/collection.anki2 --json
  $ anki-tui search 'deck:French is:due -tag:leech'
  $ anki-tui search --json -- -is:suspended
  $ anki-tui custom-study French --new 20
  $ anki-tui filtered create "French cram" --search 'deck:French is:due' --order due
  $ anki-tui options Spanish --set new.perDay=30 --set rev.perDay=300
`,
	{
		importMeta: import.meta,
		argv,
		flags: parsed.spec,
	},
);
const allFlags: typeof cli.flags = {...parsed.absent, ...cli.flags};

function useColor(): boolean {
	if (!allFlags.color) return false;
	if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
	return stdoutIsTerminal() || process.env['FORCE_COLOR'] !== undefined;
}

/** Refuses flags the command does not take (a typo must not be ignored) with its usage line. */
function checkFlags(command: string | undefined): void {
	const name = command ?? 'review';
	if (!isCommandName(name)) return; // main() refuses the command itself
	if (cli.unnormalizedFlags['help'] === true) cli.showHelp(0);
	if (cli.unnormalizedFlags['version'] === true) cli.showVersion();
	const unknown = unknownFlags(name, argv);
	if (unknown.length === 0) return;
	const which = unknown.length === 1 ? `unknown flag ${unknown[0]}` : `unknown flags ${unknown.join(', ')}`;
	throw new UsageError(`${which} for ${name}. Usage: ${usageLine(name)} (anki-tui --help lists every option)`);
}

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	checkFlags(command);
	const color = useColor();
	if (command === 'profiles') {
		const {runProfiles} = await import('./commands/profiles.js');
		return runProfiles({file: undefined, flags: allFlags, color});
	}
	// Loaded only for --profile: open-input brings the collection code with it.
	const flags = allFlags.profile === undefined ? allFlags : await (await import('./commands/open-input.js')).withProfileCollection(allFlags);
	switch (command) {
		case undefined:
		case 'review': {
			const {runReviewCommand} = await import('./commands/review-entry.js');
			return runReviewCommand({file: rest[0], flags, color});
		}
		case 'decks': {
			const {runDecks} = await import('./commands/decks.js');
			return runDecks({file: rest[0], flags, color});
		}
		case 'show': {
			const {runShow} = await import('./commands/show.js');
			return runShow({file: rest[0], flags, color});
		}
		case 'search': {
			const {runSearch} = await import('./commands/search.js');
			return runSearch({args: rest, flags, color});
		}
		case 'stats': {
			const {runStats} = await import('./commands/stats.js');
			return runStats({file: rest[0], flags, color});
		}
		case 'import': {
			const {runImport} = await import('./commands/import.js');
			return runImport({file: rest[0], flags, color});
		}
		case 'deck': {
			const {runDeck} = await import('./commands/deck.js');
			return runDeck({args: rest, flags, color});
		}
		case 'filtered': {
			const {runFiltered} = await import('./commands/filtered.js');
			return runFiltered({args: rest, flags, color});
		}
		case 'custom-study': {
			const {runCustomStudy} = await import('./commands/custom-study.js');
			return runCustomStudy({args: rest, flags, color});
		}
		case 'options': {
			const {runOptions} = await import('./commands/options.js');
			return runOptions({args: rest, flags, color});
		}
		case 'edit': {
			const {runEdit} = await import('./commands/edit.js');
			return runEdit({file: rest[0], flags, color});
		}
		case 'add': {
			const {runAdd} = await import('./commands/add.js');
			return runAdd({file: rest[0], flags, color});
		}
		case 'sync': {
			const {runSyncCommand} = await import('./commands/sync-entry.js');
			return runSyncCommand({flags, color});
		}
		default:
			throw new UsageError(`Unknown command "${command}". Run anki-tui --help for the list of commands.`);
	}
}

function reportError(error: unknown): number {
	if (error instanceof AnkiTuiError) {
		printErr(`anki-tui: ${oneLine(error.message)}\n`);
		if (allFlags.debug && error.stack) printErr(`${error.stack}\n`);
		return error.exitCode;
	}
	const message = error instanceof Error ? error.message : String(error);
	printErr(`anki-tui: unexpected error: ${oneLine(message)} (run with --debug for details)\n`);
	if (allFlags.debug && error instanceof Error && error.stack) printErr(`${error.stack}\n`);
	return 70;
}

/** The message as one line (a file name or a server's reply may hold line breaks or escapes). */
function oneLine(text: string): string {
	return safeLine(text.replace(/\s*\n\s*/g, ' ')).trim();
}

// `anki-tui show ... | head` closes the pipe early: that is a normal way to stop, not an error.
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw error;
	});
}

// Node makes process.stdout and process.stderr on first use, loading its stream code for them (5-10
// ms); a command whose output is JSON into a file or pipe never needs them (json-output.ts). So the
// handler is attached by the first use, through Node's own lazy property.
/** The standard streams made so far (prompt-exit.ts waits for what they still hold). */
const madeStreams: NodeJS.WriteStream[] = [];
for (const name of ['stdout', 'stderr'] as const) {
	const lazy = Object.getOwnPropertyDescriptor(process, name);
	if (lazy?.get === undefined || lazy.configurable !== true) {
		quietOnClosedPipe(process[name]);
		madeStreams.push(process[name]);
		continue;
	}
	Object.defineProperty(process, name, {
		configurable: true,
		enumerable: lazy.enumerable,
		get() {
			Object.defineProperty(process, name, lazy);
			const stream = process[name];
			quietOnClosedPipe(stream);
			madeStreams.push(stream);
			return stream;
		},
	});
}

// No top-level await: the bundle is a script (so that V8 can cache its compiled code; see launch.ts).
main().then(
	code => end(code),
	error => end(reportError(error)),
);

function end(code: number): void {
	process.exitCode = code;
	if (mayExitNow(cli.input[0], madeStreams)) process.exit(code);
}
