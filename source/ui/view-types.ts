// What screens draw. The command layer adapts core objects (deck tree, rendered card) into these
// plain shapes, so screens can be driven by small in-memory values in tests.
import type {Card} from '../core/model.js';
import type {ImageRef} from '../core/render/index.js';
import type {QueueCounts} from '../core/scheduler/types.js';
import type {Token} from './theme.js';
import type {CramKind, CustomStudyOption} from '../core/study/custom-study.js';

/** One run of text with one look; `token` names a theme token (`cloze`, `link`, ...). */
export interface ViewSpan {
	text: string;
	token?: Token;
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strikethrough?: boolean;
	dim?: boolean;
	/** A colour the card itself asks for (`#rrggbb`); dropped by the no-colour theme. */
	color?: string;
	/** Where the UI puts something of its own: the type-answer input/comparison, a full-width rule, rows reserved for an inline image. */
	slot?: 'type-answer' | 'rule' | 'image';
	/** With slot 'image': which image, and which of its reserved rows this is. */
	image?: {name: string; part: number; cols: number; rows: number};
}

export type ViewLine = ViewSpan[];

export interface TypeAnswerView {
	/** The text the card expects (already stripped of HTML). */
	expected: string;
	/** Whether this is `{{type:cloze:...}}` (only shown on the card's own cloze). */
	cloze?: boolean;
	/** `{{type:nc:Field}}`: compare ignoring accents. */
	ignoreCombining?: boolean;
}

export interface RenderedCardView {
	question: ViewLine[];
	answer: ViewLine[];
	/** Image file names (in the media folder), in the order they appear. */
	images: string[];
	/** Each side's images with their placeholder text, size and occlusion; absent = `[image: name]` for each name. */
	imageRefs?: {question: ImageRef[]; answer: ImageRef[]};
	/** Sound file names for each side, for autoplay and replay. */
	questionSounds: string[];
	answerSounds: string[];
	typeAnswer?: TypeAnswerView;
	/** `{{hint:Field}}` contents, hidden until asked for (Anki reveals them on click). */
	hints?: Array<{field: string; lines: ViewLine[]}>;
}

/** A node of the deck tree as the browser shows it; core's DeckNode fits this shape. */
export interface DeckTreeItem {
	id: number;
	/** Full name, `Parent::Child`. */
	name: string;
	shortName: string;
	collapsed: boolean;
	new: number;
	learn: number;
	review: number;
	/** Cards in the deck and its subdecks, when known (an empty collection shows the first-run screen). */
	cards?: number;
	children: DeckTreeItem[];
}

export interface DeckOverviewView {
	id: number;
	name: string;
	/** A filtered deck (its overview offers Rebuild, Empty and its options instead of Custom Study). */
	filtered?: boolean;
	/** Description as lines of text (HTML already turned into text by the command layer). */
	description: ViewLine[];
	counts: QueueCounts;
}

export interface CardInfoView {
	title: string;
	/** Label/value rows: added, first review, latest review, interval, ease, reviews, lapses, ... */
	facts: Array<[string, string]>;
	/** Review history, newest first. */
	history: Array<{date: string; type: string; rating: string; interval: string; ease: string; time: string}>;
}

export interface CardFacts {
	card: Card;
	deckName: string;
}

/** What an edit or an add in the user's editor came to, as a one-line message. */
export interface NoteEditResult {
	/** Something was written (one undoable step). */
	changed: boolean;
	message: string;
	/** An added note: its id and its first card (the browser moves its cursor there). */
	added?: {noteId: number; cardId: number};
}

/** One option of Anki's Custom Study dialog, with its spinner. */
export interface CustomStudyOptionView extends CustomStudyOption {
	/** The number it starts with. */
	value: number;
	/** "Available new cards: 5 (3 in subdecks)", for the two limit options. */
	available?: string;
}

/** What the Custom Study screen shows for a deck. */
export interface CustomStudyView {
	deckId: number;
	deckName: string;
	options: CustomStudyOptionView[];
	cramKinds: Array<{kind: CramKind; label: string}>;
	/** Options 3-6 need cards in the deck (Anki disables OK otherwise). */
	hasCards: boolean;
	tags: Array<{name: string; include: boolean; exclude: boolean}>;
}

/** Anki's filtered-deck dialog, filled in. */
export interface FilteredDeckForm {
	/** 0 for a new deck. */
	id: number;
	name: string;
	terms: Array<{search: string; limit: number; order: number}>;
	/** Whether the second filter is used ("Enable second filter"). */
	secondFilter: boolean;
	reschedule: boolean;
	previewAgainSecs: number;
	previewHardSecs: number;
	previewGoodSecs: number;
	allowEmpty: boolean;
	/** The orders, by number, as the dialog names them. */
	orders: readonly string[];
}
