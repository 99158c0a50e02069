// `anki-tui custom-study [FILE] DECK --new N | --review N | --forgotten DAYS | --ahead DAYS |
// --preview DAYS | --cards new|due|review|all [--limit N] [--tags "a b -c"]`: Anki's Custom Study.
import {UsageError} from '../core/errors.js';
import {checkCustomStudyRequest, CRAM_KINDS, CUSTOM_STUDY_DECK, customStudy, type CramKind, type CustomStudyRequest} from '../core/study/custom-study.js';
import {deckNamed} from '../core/study/decks.js';
import type {WordsCommandContext} from './deck.js';
import {printJson} from './json-output.js';
import {openForWriting, wholeNumber} from './write-input.js';
import {printOut} from './terminal-output.js';

const USAGE = 'anki-tui custom-study DECK --new N | --review N | --forgotten DAYS | --ahead DAYS | --preview DAYS | --cards new|due|review|all [--limit N] [--tags "a b -c"]';

/** The one option the flags choose. */
export function requestFromFlags(flags: WordsCommandContext['flags']): CustomStudyRequest {
	const chosen: CustomStudyRequest[] = [];
	if (flags.new !== undefined) chosen.push({kind: 'newLimit', delta: wholeNumber('new', flags.new)});
	if (flags.review !== undefined) chosen.push({kind: 'reviewLimit', delta: wholeNumber('review', flags.review)});
	if (flags.forgotten !== undefined) chosen.push({kind: 'forgot', days: wholeNumber('forgotten', flags.forgotten)});
	if (flags.ahead !== undefined) chosen.push({kind: 'ahead', days: wholeNumber('ahead', flags.ahead)});
	if (flags.preview !== undefined) chosen.push({kind: 'preview', days: wholeNumber('preview', flags.preview)});
	if (flags.cards !== undefined) {
		const cram = flags.cards.trim().toLowerCase();
		if (!CRAM_KINDS.some(k => k.kind === cram)) throw new UsageError(`--cards takes new, due, review or all (got "${flags.cards}").`);
		const tags = (flags.tags ?? '').split(/\s+/).filter(t => t !== '');
		chosen.push({
			kind: 'cram',
			cram: cram as CramKind,
			// The dialog's default for "Select N cards from the deck".
			limit: flags.limit === undefined ? 100 : wholeNumber('limit', flags.limit),
			includeTags: tags.filter(t => !t.startsWith('-')),
			excludeTags: tags.filter(t => t.startsWith('-')).map(t => t.slice(1)).filter(t => t !== ''),
		});
	} else if (flags.limit !== undefined || flags.tags !== undefined) {
		throw new UsageError('--limit and --tags go with --cards (study by card state or tag).');
	}
	if (chosen.length !== 1) throw new UsageError(`custom-study takes exactly one of --new, --review, --forgotten, --ahead, --preview, --cards: ${USAGE}`);
	// Checked before the collection is opened: a value out of range writes nothing.
	checkCustomStudyRequest(chosen[0]!);
	return chosen[0]!;
}

export async function runCustomStudy({args, flags}: WordsCommandContext): Promise<number> {
	const request = requestFromFlags(flags);
	const input = await openForWriting(args, flags);
	try {
		const {col, words} = input;
		if (words.length !== 1) throw new UsageError(`custom-study takes one deck name (quote names with spaces): ${USAGE}`);
		const deck = deckNamed(col, words[0]!);
		const result = customStudy(col, deck.id, request);
		if (flags.json) {
			printJson({deck: deck.name, option: request.kind, studyDeck: col.adapter.decks().find(d => d.id === result.deckId)?.name, ...('cards' in result ? {cards: result.cards} : {})});
			return 0;
		}
		if (request.kind === 'newLimit' || request.kind === 'reviewLimit') {
			const what = request.kind === 'newLimit' ? 'new-card' : 'review';
			const how = request.delta >= 0 ? `raised by ${request.delta}` : `lowered by ${-request.delta}`;
			printOut(`Today's ${what} limit of "${deck.name}" ${how}. Study it: anki-tui review --deck ${JSON.stringify(deck.name)}\n`);
		} else {
			const n = result.cards ?? 0;
			printOut(`Built "${CUSTOM_STUDY_DECK}" from "${deck.name}": ${n} ${n === 1 ? 'card' : 'cards'}. Study it: anki-tui review --deck ${JSON.stringify(CUSTOM_STUDY_DECK)}\n`);
		}
		return 0;
	} finally {
		input.close();
	}
}
