// The flags every command understands, as meow's specification; which command takes which flags,
// with its usage (the help's Usage section and the unknown-flag message are made from it);
// and the context each command is run with. Commands import these types from here, never from
// cli.tsx (which imports them). A new command adds its row to `commands`, a new flag its entry to
// `flagSpec` and its name to the commands that take it.
import type {TypedFlags} from 'meow';

export const flagSpec = {
	collection: {type: 'string'},
	profile: {type: 'string'},
	base: {type: 'string'},
	deck: {type: 'string'},
	card: {type: 'string'},
	period: {type: 'string'},
	json: {type: 'boolean', default: false},
	notes: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	endpoint: {type: 'string'},
	user: {type: 'string'},
	passwordStdin: {type: 'boolean', default: false},
	upload: {type: 'boolean', default: false},
	download: {type: 'boolean', default: false},
	protocol: {type: 'string', default: 'auto'},
	// edit, add (--tags also custom-study)
	notetype: {type: 'string'},
	field: {type: 'string', isMultiple: true},
	debug: {type: 'boolean', default: false},
	// custom-study (numbers as strings: `--new -5` lowers a limit, and the range message is Anki's)
	new: {type: 'string'},
	review: {type: 'string'},
	forgotten: {type: 'string'},
	ahead: {type: 'string'},
	preview: {type: 'string'},
	cards: {type: 'string'},
	tags: {type: 'string'},
	// filtered
	search: {type: 'string'},
	search2: {type: 'string'},
	limit: {type: 'string'},
	limit2: {type: 'string'},
	order: {type: 'string'},
	order2: {type: 'string'},
	reschedule: {type: 'boolean'},
	previewAgain: {type: 'string'},
	previewHard: {type: 'string'},
	previewGood: {type: 'string'},
	allowEmpty: {type: 'boolean', default: false},
	// deck delete
	yes: {type: 'boolean', default: false},
	// options
	set: {type: 'string', isMultiple: true},
	preset: {type: 'string'},
	addPreset: {type: 'string'},
	clonePreset: {type: 'string'},
	renamePreset: {type: 'string'},
	removePreset: {type: 'string'},
	optimize: {type: 'boolean', default: false},
	evaluate: {type: 'boolean', default: false},
} as const;

export type Flags = TypedFlags<typeof flagSpec>;
export type FlagName = keyof typeof flagSpec;

export interface CommandContext {
	file: string | undefined;
	flags: Flags;
	color: boolean;
}

export interface CommandSpec {
	/**
	 * How it is called, `anki-tui NAME ...`, one line per form; a `\n` continues a long line (the
	 * help's Usage section shows them, the unknown-flag message joins them).
	 */
	usage: readonly string[];
	/** What it does, in a few words (help); a `\n` starts another line. */
	summary: string;
	/** The flags it takes, besides the ones every command takes. */
	flags: readonly FlagName[];
}

/** Flags every command takes (`--help` and `--version` are meow's own). */
export const commonFlags: readonly FlagName[] = ['color', 'debug'];

/** The flags of every command that opens a collection. */
const collectionFlags = ['collection', 'profile', 'base'] as const;

export const commands = {
	review: {
		usage: ['anki-tui review [FILE] [--deck NAME]'],
		summary: 'Study (FILE: a package to import, or a collection)',
		flags: [...collectionFlags, 'deck'],
	},
	decks: {usage: ['anki-tui decks [FILE] [--json]'], summary: 'Deck tree with due counts', flags: [...collectionFlags, 'json']},
	show: {
		usage: ['anki-tui show FILE [--deck NAME] [--card ID] [--json]'],
		summary: 'Print rendered cards',
		flags: [...collectionFlags, 'deck', 'card', 'json'],
	},
	search: {
		usage: ['anki-tui search [FILE] QUERY [--notes] [--json]'],
		summary: "Find cards (or notes) with Anki's search syntax;\na query starting with - goes after --",
		flags: [...collectionFlags, 'notes', 'json'],
	},
	stats: {
		usage: ['anki-tui stats [FILE] [--deck NAME] [--period 1m|3m|1y|all] [--json]'],
		summary: "Statistics, as on Anki's statistics page",
		flags: [...collectionFlags, 'deck', 'period', 'json'],
	},
	import: {
		usage: ['anki-tui import FILE'],
		summary: 'Merge a .apkg/.colpkg into your collection',
		flags: [...collectionFlags, 'json'],
	},
	deck: {
		usage: ['anki-tui deck create|rename|delete NAME [NEW-NAME] [--yes]'],
		summary: 'Create, rename (:: moves it) or delete a deck',
		flags: [...collectionFlags, 'json', 'yes'],
	},
	filtered: {
		usage: [
			'anki-tui filtered create NAME --search QUERY [--limit N] [--order NAME]\n[--no-reschedule] [--search2 Q --limit2 N --order2 NAME]',
			'anki-tui filtered edit|rebuild|empty|delete NAME',
		],
		summary: 'Filtered decks, as Anki builds them',
		flags: [
			...collectionFlags,
			'json',
			'search',
			'search2',
			'limit',
			'limit2',
			'order',
			'order2',
			'reschedule',
			'previewAgain',
			'previewHard',
			'previewGood',
			'allowEmpty',
		],
	},
	'custom-study': {
		usage: ['anki-tui custom-study DECK --new N | --review N | --forgotten DAYS |\n--ahead DAYS | --preview DAYS |\n--cards new|due|review|all [--limit N] [--tags "a -b"]'],
		summary: "Anki's Custom Study",
		flags: [...collectionFlags, 'json', 'new', 'review', 'forgotten', 'ahead', 'preview', 'cards', 'tags', 'limit'],
	},
	sync: {
		usage: ['anki-tui sync [--endpoint URL --user NAME]'],
		summary: 'Sync with a self-hosted Anki sync server',
		flags: [...collectionFlags, 'endpoint', 'user', 'passwordStdin', 'upload', 'download', 'protocol'],
	},
	profiles: {usage: ['anki-tui profiles [--json] [--base DIR]'], summary: 'The Anki profiles on this machine', flags: ['json', 'base']},
	edit: {
		usage: ['anki-tui edit NOTE_ID [--field NAME=VALUE ...] [--tags "a b"]'],
		summary: 'Edit a note in $VISUAL/$EDITOR, or from the flags',
		flags: [...collectionFlags, 'field', 'tags'],
	},
	add: {
		usage: ['anki-tui add [--deck NAME] [--notetype NAME] [--field NAME=VALUE ...] [--tags "a b"]'],
		summary: 'Add a note (the editor opens without --field)',
		flags: [...collectionFlags, 'deck', 'notetype', 'field', 'tags'],
	},
	options: {
		usage: [
			'anki-tui options [FILE] DECK [--json] [--preset NAME] [--set KEY=VALUE ...]\n[--optimize] [--evaluate] [--reschedule]',
			'anki-tui options [FILE] DECK --add-preset NAME | --clone-preset NAME |\n--rename-preset NAME | --remove-preset NAME [--yes]',
		],
		summary: "A deck's options (Anki's schema-11 keys), changed",
		flags: [...collectionFlags, 'json', 'set', 'preset', 'addPreset', 'clonePreset', 'renamePreset', 'removePreset', 'yes', 'optimize', 'evaluate', 'reschedule'],
	},
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;

export function isCommandName(name: string): name is CommandName {
	return Object.hasOwn(commands, name);
}

/**
 * The flags meow parses for `anki-tui COMMAND ...`: the ones the command takes and every command's,
 * with what meow gives each flag the line does not name for the others (`absent`), so commands see
 * the same values as with the whole spec. meow configures, camel-cases and defaults every flag of
 * its spec at each start (about a tenth of a scripting command's); a flag the command does not take
 * is refused by unknownFlags either way. Without a command, the whole spec.
 */
export function flagSpecFor(command: string | undefined): {spec: typeof flagSpec; absent: Partial<Flags>} {
	if (command === undefined || !isCommandName(command)) return {spec: flagSpec, absent: {}};
	const takes = new Set<FlagName>([...commonFlags, ...commands[command].flags]);
	const spec: Record<string, unknown> = {};
	const absent: Record<string, unknown> = {};
	for (const [name, flag] of Object.entries(flagSpec) as Array<[FlagName, {type: string; default?: unknown; isMultiple?: boolean}]>) {
		if (takes.has(name)) spec[name] = flag;
		else if (flag.isMultiple) absent[name] = [];
		else if (flag.default !== undefined) absent[name] = flag.default;
		else if (flag.type === 'boolean') absent[name] = false;
	}
	// The subset is typed as the whole spec: the flags left out are filled in from `absent`.
	return {spec: spec as typeof flagSpec, absent: absent as Partial<Flags>};
}

/** A command's usage as one line (its forms joined by "or"), for messages. */
export function usageLine(command: CommandName): string {
	const forms: readonly string[] = commands[command].usage;
	return forms.map((form) => form.replace(/\s*\n\s*/g, ' ')).join(', or ');
}

/**
 * `--tags -code` as `--tags=-code`: a flag that takes a value takes the next argument even when it
 * starts with `-` (Anki's searches and tag lists often do), where meow's parser would read it as
 * one-letter flags and leave the value empty. Nothing after `--` changes.
 */
export function joinFlagValues(argv: readonly string[]): string[] {
	const spec: Record<string, {type: string}> = flagSpec;
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') return [...out, ...argv.slice(i)];
		const name = /^--([a-z][a-z0-9-]*)$/.exec(arg)?.[1]?.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
		const next = argv[i + 1];
		if (name && spec[name]?.type === 'string' && next !== undefined && next.startsWith('-') && !next.startsWith('--') && next !== '-') {
			out.push(`${arg}=${next}`);
			i++;
		} else out.push(arg);
	}
	return out;
}

/**
 * The flags in `argv` (the arguments after `anki-tui`) that `command` does not take, as the user
 * typed them. Everything after `--` is an argument (a search query may start with `-`); a negative
 * number is an argument; `--no-NAME` negates a boolean flag.
 */
export function unknownFlags(command: CommandName, argv: readonly string[]): string[] {
	const takes = new Set<string>([...commonFlags, ...commands[command].flags, 'help', 'version']);
	const booleans: Record<string, {type: string}> = flagSpec;
	const known = (name: string) => {
		const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
		if (takes.has(camel)) return true;
		const negated = /^no[A-Z]/.test(camel) ? camel[2]!.toLowerCase() + camel.slice(3) : undefined;
		return negated !== undefined && takes.has(negated) && booleans[negated]?.type === 'boolean';
	};
	const unknown: string[] = [];
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('-') || arg === '-' || /^-\.?\d/.test(arg)) continue;
		const typed = arg.split('=')[0]!;
		// No command has one-letter flags: `-x` (or `-tag:x`, a query not after --) is never one.
		if (!typed.startsWith('--') || !known(typed.slice(2))) unknown.push(typed);
	}
	return unknown;
}
