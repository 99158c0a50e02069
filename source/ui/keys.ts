// Keys are data: a table from key spec to command id. Defaults are Anki's own shortcuts plus vim
// motions; the user's config replaces the keys of any command. The help overlay and the hint lines
// read this table.
//
// A screen activates scopes (its own, then shared ones such as `scroll` and `app`); a new screen
// adds its scope to `scopeNames` and its commands (`<scope>.<verb>`) to `defaultCommands`.

export const scopeNames = ['app', 'decks', 'overview', 'review', 'scroll', 'browser', 'prompt', 'options', 'summary', 'stats', 'form', 'tags', 'confirm'] as const;
export type Scope = (typeof scopeNames)[number];

export interface CommandInfo {
	/** Where the command applies; a screen activates some scopes. */
	scope: Scope;
	description: string;
	keys: string[];
}

// No function keys and no Ctrl+H by default (terminals disagree on them).
export const defaultCommands = {
	'app.help': {scope: 'app', description: 'Show or hide this help', keys: ['?']},
	'app.back': {scope: 'app', description: 'Back, or quit', keys: ['q', 'escape']},
	'decks.up': {scope: 'decks', description: 'Previous deck', keys: ['up', 'k']},
	'decks.down': {scope: 'decks', description: 'Next deck', keys: ['down', 'j']},
	'decks.top': {scope: 'decks', description: 'First deck', keys: ['home', 'g']},
	'decks.bottom': {scope: 'decks', description: 'Last deck', keys: ['end', 'G']},
	'decks.collapse': {scope: 'decks', description: 'Collapse deck', keys: ['left', 'h', '-']},
	'decks.expand': {scope: 'decks', description: 'Expand deck', keys: ['right', 'l', '+']},
	'decks.toggle': {scope: 'decks', description: 'Collapse or expand deck', keys: ['tab']},
	'decks.study': {scope: 'decks', description: 'Study the deck', keys: ['enter']},
	'decks.overview': {scope: 'decks', description: 'Deck overview', keys: ['o']},
	'decks.browse': {scope: 'decks', description: 'Browse and search cards', keys: ['b', '/']},
	'decks.add': {scope: 'decks', description: 'Add a note (to the selected deck)', keys: ['a']},
	// Anki opens options from the deck's gear menu (no key); `o` is the overview here, so Shift+O.
	'decks.options': {scope: 'decks', description: 'Deck options (its preset)', keys: ['O']},
	'decks.create': {scope: 'decks', description: 'Create deck', keys: ['n']},
	'decks.createFiltered': {scope: 'decks', description: 'Create filtered deck', keys: ['F']},
	'decks.rename': {scope: 'decks', description: 'Rename deck (:: moves it)', keys: ['r']},
	'decks.delete': {scope: 'decks', description: 'Delete deck', keys: ['D', 'delete']},
	'decks.undo': {scope: 'decks', description: 'Undo the last change', keys: ['u', 'ctrl+z']},
	'overview.study': {scope: 'overview', description: 'Study now', keys: ['enter', 's', 'space']},
	// Anki's overview: o opens the deck's options.
	'overview.options': {scope: 'overview', description: 'Deck options (a filtered deck: its search and order)', keys: ['o']},
	'overview.browse': {scope: 'overview', description: 'Browse and search cards', keys: ['b', '/']},
	'overview.add': {scope: 'overview', description: 'Add a note to this deck', keys: ['a']},
	'decks.stats': {scope: 'decks', description: 'Statistics of the deck', keys: ['t']},
	'overview.stats': {scope: 'overview', description: 'Statistics of the deck', keys: ['t']},
	'overview.customStudy': {scope: 'overview', description: 'Custom study', keys: ['c']},
	'overview.rebuild': {scope: 'overview', description: 'Rebuild the filtered deck', keys: ['r']},
	'overview.empty': {scope: 'overview', description: 'Empty the filtered deck', keys: ['e']},
	'review.flip': {scope: 'review', description: 'Show answer, then Good', keys: ['space', 'enter']},
	'review.again': {scope: 'review', description: 'Answer Again', keys: ['1']},
	'review.hard': {scope: 'review', description: 'Answer Hard', keys: ['2']},
	'review.good': {scope: 'review', description: 'Answer Good', keys: ['3']},
	'review.easy': {scope: 'review', description: 'Answer Easy', keys: ['4']},
	'review.undo': {scope: 'review', description: 'Undo', keys: ['u', 'ctrl+z']},
	'review.edit': {scope: 'review', description: "Edit the card's note in $EDITOR", keys: ['e']},
	'review.add': {scope: 'review', description: 'Add a note', keys: ['a']},
	'review.buryCard': {scope: 'review', description: 'Bury card', keys: ['-']},
	'review.buryNote': {scope: 'review', description: 'Bury note', keys: ['=']},
	'review.suspendCard': {scope: 'review', description: 'Suspend card', keys: ['@']},
	'review.suspendNote': {scope: 'review', description: 'Suspend note', keys: ['!']},
	'review.mark': {scope: 'review', description: 'Mark note', keys: ['*']},
	'review.flag1': {scope: 'review', description: 'Flag red', keys: ['ctrl+1', 'f 1']},
	'review.flag2': {scope: 'review', description: 'Flag orange', keys: ['ctrl+2', 'f 2']},
	'review.flag3': {scope: 'review', description: 'Flag green', keys: ['ctrl+3', 'f 3']},
	'review.flag4': {scope: 'review', description: 'Flag blue', keys: ['ctrl+4', 'f 4']},
	'review.flag5': {scope: 'review', description: 'Flag pink', keys: ['ctrl+5', 'f 5']},
	'review.flag6': {scope: 'review', description: 'Flag turquoise', keys: ['ctrl+6', 'f 6']},
	'review.flag7': {scope: 'review', description: 'Flag purple', keys: ['ctrl+7', 'f 7']},
	'review.flag0': {scope: 'review', description: 'Clear flag', keys: ['f 0']},
	'review.replay': {scope: 'review', description: 'Replay audio', keys: ['r']},
	'review.open': {scope: 'review', description: 'Open images and media', keys: ['o']},
	'review.info': {scope: 'review', description: 'Card info', keys: ['i']},
	'review.hint': {scope: 'review', description: 'Show hints', keys: ['h']},
	'review.browse': {scope: 'review', description: 'Browse, starting at this card', keys: ['b', '/']},
	'browser.search': {scope: 'browser', description: 'Edit the search (Anki syntax)', keys: ['/']},
	'browser.up': {scope: 'browser', description: 'Previous row', keys: ['up', 'k']},
	'browser.down': {scope: 'browser', description: 'Next row', keys: ['down', 'j']},
	'browser.pageUp': {scope: 'browser', description: 'Page up', keys: ['pageup', 'ctrl+u']},
	'browser.pageDown': {scope: 'browser', description: 'Page down', keys: ['pagedown', 'ctrl+d']},
	'browser.top': {scope: 'browser', description: 'First row', keys: ['home', 'g']},
	'browser.bottom': {scope: 'browser', description: 'Last row', keys: ['end', 'G']},
	'browser.select': {scope: 'browser', description: 'Select or unselect the row', keys: ['space']},
	'browser.selectAll': {scope: 'browser', description: 'Select all rows, or none', keys: ['ctrl+a']},
	'browser.mode': {scope: 'browser', description: 'Switch between cards and notes', keys: ['tab', 'ctrl+t']},
	'browser.sort': {scope: 'browser', description: 'Sort by the next column', keys: ['s']},
	'browser.reverse': {scope: 'browser', description: 'Reverse the sort order', keys: ['S']},
	'browser.preview': {scope: 'browser', description: 'Show or hide the preview', keys: ['p']},
	'browser.edit': {scope: 'browser', description: "Edit the row's note", keys: ['enter', 'e']},
	'browser.add': {scope: 'browser', description: 'Add a note', keys: ['a', 'ctrl+e']},
	'browser.suspend': {scope: 'browser', description: 'Suspend or unsuspend', keys: ['@', 'ctrl+j']},
	'browser.bury': {scope: 'browser', description: 'Bury or unbury', keys: ['-']},
	'browser.mark': {scope: 'browser', description: 'Mark or unmark the notes', keys: ['*', 'ctrl+k']},
	'browser.flag1': {scope: 'browser', description: 'Flag red', keys: ['ctrl+1', 'f 1']},
	'browser.flag2': {scope: 'browser', description: 'Flag orange', keys: ['ctrl+2', 'f 2']},
	'browser.flag3': {scope: 'browser', description: 'Flag green', keys: ['ctrl+3', 'f 3']},
	'browser.flag4': {scope: 'browser', description: 'Flag blue', keys: ['ctrl+4', 'f 4']},
	'browser.flag5': {scope: 'browser', description: 'Flag pink', keys: ['ctrl+5', 'f 5']},
	'browser.flag6': {scope: 'browser', description: 'Flag turquoise', keys: ['ctrl+6', 'f 6']},
	'browser.flag7': {scope: 'browser', description: 'Flag purple', keys: ['ctrl+7', 'f 7']},
	'browser.flag0': {scope: 'browser', description: 'Clear flag', keys: ['f 0']},
	'browser.deck': {scope: 'browser', description: 'Change deck', keys: ['m']},
	'browser.addTags': {scope: 'browser', description: 'Add tags', keys: ['t']},
	'browser.removeTags': {scope: 'browser', description: 'Remove tags', keys: ['T']},
	'browser.forget': {scope: 'browser', description: 'Forget (reset to new)', keys: ['N']},
	'browser.due': {scope: 'browser', description: 'Set due date', keys: ['d']},
	'browser.delete': {scope: 'browser', description: 'Delete notes', keys: ['x', 'delete']},
	'browser.undo': {scope: 'browser', description: 'Undo', keys: ['u', 'ctrl+z']},
	'prompt.confirm': {scope: 'prompt', description: 'Apply (search line: back to the rows)', keys: ['enter']},
	'prompt.cancel': {scope: 'prompt', description: 'Cancel (search line: back to the rows)', keys: ['escape']},
	'prompt.up': {scope: 'prompt', description: 'Previous choice', keys: ['up']},
	'prompt.down': {scope: 'prompt', description: 'Next choice', keys: ['down']},
	'prompt.clear': {scope: 'prompt', description: 'Clear the text', keys: ['ctrl+u']},
	'options.up': {scope: 'options', description: 'Previous option', keys: ['up', 'k']},
	'options.down': {scope: 'options', description: 'Next option', keys: ['down', 'j']},
	'options.pageUp': {scope: 'options', description: 'Page up', keys: ['pageup', 'ctrl+u']},
	'options.pageDown': {scope: 'options', description: 'Page down', keys: ['pagedown', 'ctrl+d']},
	'options.nextSection': {scope: 'options', description: 'Next section', keys: ['tab', 'J']},
	'options.previousSection': {scope: 'options', description: 'Previous section', keys: ['shift+tab', 'K']},
	'options.edit': {scope: 'options', description: 'Edit the value (Enter keeps it, Esc cancels); switch; next choice', keys: ['enter']},
	'options.increase': {scope: 'options', description: 'Next choice, switch, or one more', keys: ['right', 'l', '+']},
	'options.decrease': {scope: 'options', description: 'Previous choice, switch, or one less', keys: ['left', 'h', '-']},
	'options.reset': {scope: 'options', description: "Anki's default (a deck's own limit: none)", keys: ['x']},
	'options.preset': {scope: 'options', description: "Choose the deck's preset", keys: ['p']},
	'options.addPreset': {scope: 'options', description: 'Add a preset (Anki defaults)', keys: ['a']},
	'options.clonePreset': {scope: 'options', description: 'Clone the preset', keys: ['c']},
	'options.renamePreset': {scope: 'options', description: 'Rename the preset', keys: ['r']},
	'options.removePreset': {scope: 'options', description: 'Remove the preset (next sync: full sync)', keys: ['D']},
	'options.optimize': {scope: 'options', description: 'FSRS: optimize the parameters', keys: ['o']},
	'options.evaluate': {scope: 'options', description: 'FSRS: evaluate the parameters', keys: ['E']},
	'options.save': {scope: 'options', description: 'Save', keys: ['s']},
	'options.saveToSubdecks': {scope: 'options', description: 'Save to all subdecks', keys: ['S']},
	'review.stats': {scope: 'review', description: 'Statistics of the deck', keys: ['t']},
	'summary.stats': {scope: 'summary', description: 'Statistics of the deck', keys: ['t']},
	'stats.period': {scope: 'stats', description: 'Next period: 1 month, 3 months, 1 year, deck life', keys: ['p']},
	'stats.scope': {scope: 'stats', description: 'The deck or the whole collection', keys: ['c']},
	'review.customStudy': {scope: 'review', description: 'Custom study (when the deck is finished)', keys: ['c']},
	'scroll.down': {scope: 'scroll', description: 'Scroll down', keys: ['down', 'j']},
	'scroll.up': {scope: 'scroll', description: 'Scroll up', keys: ['up', 'k']},
	'scroll.pageDown': {scope: 'scroll', description: 'Page down', keys: ['pagedown', 'ctrl+d']},
	'scroll.pageUp': {scope: 'scroll', description: 'Page up', keys: ['pageup', 'ctrl+u']},
	'form.next': {scope: 'form', description: 'Next field', keys: ['down', 'tab']},
	'form.previous': {scope: 'form', description: 'Previous field', keys: ['up', 'shift+tab']},
	'form.left': {scope: 'form', description: 'Previous choice', keys: ['left']},
	'form.right': {scope: 'form', description: 'Next choice', keys: ['right']},
	'form.toggle': {scope: 'form', description: 'Switch on or off', keys: ['space']},
	'form.accept': {scope: 'form', description: 'OK', keys: ['enter']},
	'tags.include': {scope: 'tags', description: 'Require this tag (one of the required tags)', keys: ['space', 'i']},
	'tags.exclude': {scope: 'tags', description: 'Exclude this tag', keys: ['x']},
	'confirm.yes': {scope: 'confirm', description: 'Yes', keys: ['y']},
	'confirm.no': {scope: 'confirm', description: 'No', keys: ['n']},
} satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof defaultCommands;
export type Bindings = Record<CommandId, CommandInfo>;

export function isCommandId(id: string): id is CommandId {
	return Object.hasOwn(defaultCommands, id);
}

/** The subset of ink's `Key` this module reads (kept structural so tests need no ink). */
export interface KeyEventFlags {
	upArrow?: boolean;
	downArrow?: boolean;
	leftArrow?: boolean;
	rightArrow?: boolean;
	pageUp?: boolean;
	pageDown?: boolean;
	home?: boolean;
	end?: boolean;
	return?: boolean;
	escape?: boolean;
	ctrl?: boolean;
	shift?: boolean;
	meta?: boolean;
	tab?: boolean;
	backspace?: boolean;
	delete?: boolean;
}

const aliases: Record<string, string> = {
	esc: 'escape',
	return: 'enter',
	' ': 'space',
	spc: 'space',
	pgup: 'pageup',
	pgdn: 'pagedown',
	'page-up': 'pageup',
	'page-down': 'pagedown',
	arrowup: 'up',
	arrowdown: 'down',
	arrowleft: 'left',
	arrowright: 'right',
	del: 'delete',
	bs: 'backspace',
	control: 'ctrl',
	c: 'ctrl',
};

/** `Ctrl-Z`, `ctrl+z`, `C-z` all become `ctrl+z`; single printable characters keep their case. */
export function normalizeKeySpec(spec: string): string {
	if (spec.length > 0 && spec.trim() === '') return 'space';
	return spec
		.trim()
		.split(/\s+/)
		.map((step) => normalizeStep(step))
		.join(' ');
}

function normalizeStep(step: string): string {
	if (step.length === 1) return step === ' ' ? 'space' : step;
	const whole = aliases[step.toLowerCase()];
	if (whole) return whole;
	const parts = step.split(/[+-](?=.)/);
	const base = parts.pop()!;
	const mods = parts.map((m) => aliases[m.toLowerCase()] ?? m.toLowerCase()).sort();
	// Terminals send Ctrl+Z and Ctrl+z alike, so a control key's letter has no case.
	const name = base.length === 1 ? (mods.includes('ctrl') ? base.toLowerCase() : base) : (aliases[base.toLowerCase()] ?? base.toLowerCase());
	return [...mods, name].join('+');
}

// xterm's modifyOtherKeys form, `ESC [27;<mod>;<code>~` (Ctrl+1 is `[27;5;49~`), which ink does
// not decode; modifier bits as in xterm: 1 shift, 2 alt, 4 ctrl (after subtracting 1).
const modifyOtherKeys = /^\u001B?\[27;(\d+);(\d+)~$/;

/** Whether ink's input is one encoded key (which looks like text once ink strips the ESC). */
export function isEncodedKey(input: string): boolean {
	return modifyOtherKeys.test(input);
}

/** The spec of one key press as ink reports it, or null for nothing we can bind. */
export function keyEventToSpec(input: string, key: KeyEventFlags): string | null {
	const other = modifyOtherKeys.exec(input);
	if (other) {
		const bits = Number(other[1]) - 1;
		const char = String.fromCodePoint(Number(other[2]));
		const mods = [...(bits & 4 ? ['ctrl'] : []), ...(bits & 2 ? ['meta'] : [])].sort();
		return [...mods, bits & 4 ? char.toLowerCase() : char].join('+');
	}
	let name: string | null = null;
	if (key.upArrow) name = 'up';
	else if (key.downArrow) name = 'down';
	else if (key.leftArrow) name = 'left';
	else if (key.rightArrow) name = 'right';
	else if (key.pageUp) name = 'pageup';
	else if (key.pageDown) name = 'pagedown';
	else if (key.home) name = 'home';
	else if (key.end) name = 'end';
	else if (key.return) name = 'enter';
	else if (key.escape) name = 'escape';
	else if (key.tab) name = 'tab';
	else if (key.backspace) name = 'backspace';
	else if (key.delete) name = 'delete';
	else if (input === ' ') name = 'space';
	else if (input.length > 0) name = key.ctrl ? input.toLowerCase() : input;
	if (name === null) return null;
	const mods: string[] = [];
	if (key.ctrl) mods.push('ctrl');
	if (key.meta && !key.escape) mods.push('meta');
	// Shift is implied by the character itself (`G`, `@`); only named keys carry it.
	if (key.shift && name.length > 1 && name !== 'space') mods.push('shift');
	return [...mods.sort(), name].join('+');
}

export interface KeyConfigProblem {
	command: string;
	message: string;
}

/**
 * The deck list's commands were `browser.*` before the card browser came; a config written then
 * keeps working (an id that names a current command always means that command).
 */
const renamedCommands: Record<string, CommandId> = Object.fromEntries(
	Object.keys(defaultCommands)
		.filter((id) => id.startsWith('decks.'))
		.map((id) => [`browser.${id.slice('decks.'.length)}`, id as CommandId]),
);

/** Defaults with the user's `{"review.again": ["1", "a"]}` overrides; unknown ids are reported. */
export function buildBindings(overrides: Record<string, unknown> | undefined): {
	bindings: Bindings;
	problems: KeyConfigProblem[];
} {
	const bindings = structuredClone(defaultCommands) as Bindings;
	const problems: KeyConfigProblem[] = [];
	for (const [written, value] of Object.entries(overrides ?? {})) {
		const command = isCommandId(written) ? written : (renamedCommands[written] ?? written);
		if (!isCommandId(command)) {
			problems.push({command: written, message: `unknown command "${written}"`});
			continue;
		}
		const keys = typeof value === 'string' ? [value] : value;
		if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
			problems.push({command, message: 'keys must be a string or a list of strings'});
			continue;
		}
		bindings[command].keys = keys.map((k) => normalizeKeySpec(k));
	}
	return {bindings, problems};
}

export type KeyResult =
	| {kind: 'command'; command: CommandId}
	| {kind: 'prefix'; prefix: string}
	| {kind: 'none'};

/**
 * Resolves one key press in the given scopes (first scope wins on conflicts). `pending` is the
 * prefix typed so far (`f` of `f 1`), if any.
 */
export function resolveKey(
	bindings: Bindings,
	scopes: readonly Scope[],
	spec: string,
	pending: string | null = null,
): KeyResult {
	const typed = pending ? `${pending} ${spec}` : spec;
	let isPrefix = false;
	for (const scope of scopes) {
		for (const [id, info] of Object.entries(bindings) as Array<[CommandId, CommandInfo]>) {
			if (info.scope !== scope) continue;
			for (const key of info.keys) {
				const normal = normalizeKeySpec(key);
				if (normal === typed) return {kind: 'command', command: id};
				if (normal.startsWith(`${typed} `)) isPrefix = true;
			}
		}
	}
	return isPrefix ? {kind: 'prefix', prefix: typed} : {kind: 'none'};
}

/** How a key spec reads in the help overlay and on screen. */
export function displayKey(spec: string): string {
	return normalizeKeySpec(spec)
		.split(' ')
		.map((step) =>
			step
				.split('+')
				.map((p) => keyLabels[p] ?? (p.length > 1 ? p[0]!.toUpperCase() + p.slice(1) : p))
				.join('+'),
		)
		.join(' then ');
}

const keyLabels: Record<string, string> = {
	ctrl: 'Ctrl',
	meta: 'Alt',
	shift: 'Shift',
	space: 'Space',
	enter: 'Enter',
	escape: 'Esc',
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	tab: 'Tab',
};

export interface HelpRow {
	command: CommandId;
	keys: string;
	description: string;
}

/** The help overlay's rows for the scopes a screen uses, in table order. */
export function helpRows(bindings: Bindings, scopes: readonly Scope[]): HelpRow[] {
	const rows: HelpRow[] = [];
	for (const scope of scopes) {
		for (const [id, info] of Object.entries(bindings) as Array<[CommandId, CommandInfo]>) {
			if (info.scope !== scope || info.keys.length === 0) continue;
			rows.push({command: id, keys: info.keys.map((k) => displayKey(k)).join(', '), description: info.description});
		}
	}
	return rows;
}

/** The first key bound to a command, for inline hints ("Space show answer"). */
export function firstKey(bindings: Bindings, command: CommandId): string {
	const key = bindings[command].keys[0];
	return key ? displayKey(key) : '';
}
