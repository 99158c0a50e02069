// What screens draw. The command layer adapts core objects (deck tree, rendered card) into these
// plain shapes, so screens can be driven by small in-memory values in tests.
import type {Card} from '../core/model.js';
import type {ImageRef} from '../core/render/index.js';
import type {QueueCounts} from '../core/scheduler/types.js';
import type {Token} from './theme.js';

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
