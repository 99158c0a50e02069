// `anki-tui filtered create|edit|rebuild|empty|delete [FILE] NAME [...]`: filtered decks as Anki's
// filtered-deck dialog and overview buttons change them.
import {UsageError} from '../core/errors.js';
import type {FilteredDeckSettings, FilteredSearchTerm} from '../core/model.js';
import {removeDeck} from '../core/study/decks.js';
import {
	checkFilteredSettings,
	emptyFilteredDeck,
	filteredDeck,
	newFilteredSettings,
	parseFilteredOrder,
	rebuildFilteredDeck,
	saveFilteredDeck,
} from '../core/study/filtered.js';
import {deckExists, deckNamed} from '../core/study/decks.js';
import type {Flags} from './flags.js';
import {printJson} from './json-output.js';
import type {WordsCommandContext} from './deck.js';
import {openForWriting, wholeNumber} from './write-input.js';
import {printOut} from './terminal-output.js';

const USAGE =
	'anki-tui filtered create NAME --search QUERY [--limit N] [--order NAME] [--no-reschedule] | filtered edit NAME [...] | filtered rebuild|empty|delete NAME';

const plural = (n: number) => `${n} ${n === 1 ? 'card' : 'cards'}`;

/** The term from --search/--limit/--order (or their 2 forms) over `base`; undefined when none is given. */
function termFromFlags(flags: Flags, second: boolean, base: FilteredSearchTerm): FilteredSearchTerm | undefined {
	const search = second ? flags.search2 : flags.search;
	const limit = second ? flags.limit2 : flags.limit;
	const order = second ? flags.order2 : flags.order;
	if (search === undefined && limit === undefined && order === undefined) return undefined;
	return {
		search: search ?? base.search,
		limit: limit === undefined ? base.limit : wholeNumber(second ? 'limit2' : 'limit', limit),
		order: order === undefined ? base.order : parseFilteredOrder(order),
	};
}

/** The settings the flags ask for, over the deck's current ones (or Anki's defaults for a new deck). */
function settingsFromFlags(flags: Flags, current: FilteredDeckSettings, isNew: boolean): FilteredDeckSettings {
	const first = termFromFlags(flags, false, current.searchTerms[0]!);
	// A new deck gets one filter unless a second is asked for, as the dialog saves it.
	const secondBase = current.searchTerms[1] ?? {search: '', limit: 20, order: 5};
	const second = termFromFlags(flags, true, secondBase);
	const terms = [first ?? current.searchTerms[0]!];
	if (second) terms.push(second);
	else if (!isNew && current.searchTerms[1]) terms.push(current.searchTerms[1]);
	const secs = (flag: 'previewAgain' | 'previewHard' | 'previewGood', name: string, value: number) =>
		flags[flag] === undefined ? value : wholeNumber(name, flags[flag]!);
	return {
		...current,
		reschedule: flags.reschedule ?? current.reschedule,
		searchTerms: terms,
		previewAgainSecs: secs('previewAgain', 'preview-again', current.previewAgainSecs),
		previewHardSecs: secs('previewHard', 'preview-hard', current.previewHardSecs),
		previewGoodSecs: secs('previewGood', 'preview-good', current.previewGoodSecs),
	};
}

export async function runFiltered({args, flags}: WordsCommandContext): Promise<number> {
	const [action, ...rest] = args;
	if (!['create', 'edit', 'rebuild', 'empty', 'delete'].includes(action ?? '')) throw new UsageError(`filtered needs an action: ${USAGE}`);
	// A new deck's settings are checked before the collection is opened: bad input writes nothing.
	let createConfig: FilteredDeckSettings | undefined;
	if (action === 'create') {
		if (flags.search === undefined) throw new UsageError(`filtered create needs --search QUERY: ${USAGE}`);
		const defaults = newFilteredSettings();
		createConfig = settingsFromFlags(flags, {...defaults, searchTerms: [defaults.searchTerms[0]!]}, true);
		checkFilteredSettings(createConfig);
	}
	const input = await openForWriting(rest, flags);
	try {
		const {col, words} = input;
		if (words.length !== 1) throw new UsageError(`filtered ${action} takes one deck name (quote names with spaces): ${USAGE}`);
		const name = words[0]!;
		const report = (verb: string, id: number, cards: number) => {
			const deck = col.adapter.decks().find(d => d.id === id);
			if (flags.json) printJson({id, name: deck?.name ?? name, cards});
			else printOut(`${verb} "${deck?.name ?? name}": ${plural(cards)}.\n`);
		};
		if (createConfig) {
			if (deckExists(col, name)) throw new UsageError(`A deck named "${name}" already exists; use filtered edit or filtered rebuild, or another name.`);
			const {deckId, cards} = saveFilteredDeck(col, {id: 0, name, config: createConfig, allowEmpty: flags.allowEmpty});
			report('Built', deckId, cards);
			return 0;
		}
		const deck = filteredDeck(col, deckNamed(col, name).id);
		if (action === 'edit') {
			const config = settingsFromFlags(flags, deck.filtered, false);
			const {deckId, cards} = saveFilteredDeck(col, {id: deck.id, name: deck.name, config, allowEmpty: flags.allowEmpty});
			report('Rebuilt', deckId, cards);
		} else if (action === 'rebuild') {
			report('Rebuilt', deck.id, rebuildFilteredDeck(col, deck.id));
		} else if (action === 'empty') {
			const cards = emptyFilteredDeck(col, deck.id);
			if (flags.json) printJson({id: deck.id, name: deck.name, returned: cards});
			else printOut(`Emptied "${deck.name}": ${plural(cards)} back in their decks.\n`);
		} else {
			removeDeck(col, deck.id);
			if (flags.json) printJson({id: deck.id, name: deck.name, deleted: true});
			else printOut(`Deleted filtered deck "${deck.name}"; its cards are back in their decks.\n`);
		}
		return 0;
	} finally {
		input.close();
	}
}
