// The app model: what the screens ask of the collection (deck tree, overview, review sessions,
// rendering, media), answered by core functions and adapted into the plain shapes of view-types.ts.
// Screens see only the AppModel interface, so a screen test drives it on a real collection, or on
// small in-memory values. No SQL and no file access here: core does both.
import type {Collection} from '../core/collection/types.js';
import type {Card, Deck, DeckConfig, Note, Notetype} from '../core/model.js';
import type {QueuedCard, SessionSummary} from '../core/scheduler/types.js';
import {loadDeckTree} from '../core/overview/load-deck-tree.js';
import {deckTreeCounts} from '../core/scheduler/deck-counts.js';
import {openReviewSession} from '../core/scheduler/session.js';
import {renderCard} from '../core/render/index.js';
import {htmlToStyled} from '../core/render/html-to-terminal.js';
import {typeAnswerCompare, typeAnswerStyled} from '../core/render/type-answer.js';
import {cardsWithNotes} from '../core/collection/listing.js';
import {createAudioPlayer} from '../core/media/audio.js';
import {openMediaFiles} from '../core/media/open.js';
import {otherProfiles, profileCommand} from '../core/profiles/profiles.js';
import {getCard} from '../core/collection/cards.js';
import {addingTarget} from '../core/notes/adding.js';
import {startEdit, type EditTarget} from '../core/notes/edit-flow.js';
import {editWithExternalEditor, type EditRun} from '../core/notes/external-editor.js';
import {ReviewController} from './controller/review-controller.js';
import type {TerminalHandoff} from './hooks/use-terminal-handoff.js';
import {styledToView} from './styled-view.js';
import {cardInfo} from '../core/stats/card-info.js';
import type {Period} from '../core/stats/period.js';
import {statsReport, type StatsReport} from '../core/stats/report.js';
import {cardInfoView} from './card-info.js';
import {createStudyModel, type StudyModel} from './study-model.js';
import type {UiConfig} from './config.js';
import type {DeckOverviewView, DeckTreeItem, NoteEditResult, RenderedCardView} from './view-types.js';

import {createBrowserModel, type BrowserModel} from './browser-model.js';

export type {NoteEditResult};
import {createDeckOptionsModel, type DeckOptionsModel} from './options-model.js';

export interface ReviewHandle {
	controller: ReviewController;
	summary(): SessionSummary;
	/** Releases whatever the session holds (timers, players). */
	close?(): void;
}

export interface AppModel {
	/** The file the user opened, as shown on the first-run screen. */
	collectionPath: string;
	deckTree(): DeckTreeItem[];
	overview(deckId: number): DeckOverviewView;
	startReview(deckId: number): ReviewHandle;
	/** The card browser's view of the collection (one per opening); absent in models without one. */
	browser?(): BrowserModel;
	/** Absent on a read-only collection. */
	setCollapsed?(deckId: number, collapsed: boolean): void;
	/**
	 * Edits a card's note in the user's editor ($VISUAL, $EDITOR, nano, vi), the terminal handed over
	 * meanwhile; one undoable step. Absent on a read-only collection.
	 */
	editNote?(cardId: number, handOff: TerminalHandoff): NoteEditResult;
	/**
	 * Adds a note in the user's editor: to `deckId` when it is a normal deck, else where Anki's Add
	 * window would (the reviewer card's home deck helps when the current deck is filtered).
	 */
	addNote?(where: {deckId?: number; homeDeckOfReviewerCard?: number}, handOff: TerminalHandoff): NoteEditResult;
	/** Statistics of a deck (with subdecks) or, for null, the whole collection; absent where there are none. */
	stats?(deckId: number | null, period: Period): StatsReport;
	now(): number;
	/** Stops what the model started (audio). */
	close?(): void;
	/** The user's other Anki profiles, offered on the first-run screen. */
	ankiProfiles?(): ProfileOffer[];
	/** The deck options page (absent: the screen says options are not available here). */
	deckOptions?: DeckOptionsModel;
	/** Custom study, filtered decks and deck changes; absent on a read-only collection. */
	study?: StudyModel;
}

export interface ProfileOffer {
	name: string;
	/** The command that opens it, e.g. `anki-tui --profile "User 1"`. */
	command: string;
}

export interface AppModelOptions {
	collection: Collection;
	/** The collection's media folder; null when it has none (nothing to play or show). */
	mediaDir: string | null;
	config: Pick<UiConfig, 'audio'>;
	/** What to show as the collection's name (default: its path). */
	label?: string;
	/** Clock (ms) for tests; default Date.now. */
	now?: () => number;
	/** Whether a media file exists: generated LaTeX images show as images only when the desktop made them. */
	mediaExists?: (name: string) => boolean;
}

export function createAppModel(options: AppModelOptions): AppModel {
	const col = options.collection;
	const {mediaDir, config} = options;
	const now = options.now ?? (() => Date.now());
	const audio = createAudioPlayer({mediaDir, configured: config.audio.player});
	const notetypes = new Map<number, Notetype>(col.adapter.notetypes().map((nt) => [nt.id, nt]));
	let deckConfigs = new Map<number, DeckConfig>(col.adapter.deckConfigs().map((c) => [c.id, c]));
	let decks = new Map<number, Deck>();
	const refreshDecks = () => {
		decks = new Map(col.adapter.decks().map((d) => [d.id, d]));
	};
	refreshDecks();
	const deckName = (id: number) => decks.get(id)?.name ?? `Deck ${id}`;

	const renderQueued = (queued: QueuedCard): RenderedCardView => renderCardView(queued.card);

	const renderCardView = (card: Card): RenderedCardView => {
		const note = noteOf(col, card);
		const notetype = note ? notetypes.get(note.mid) : undefined;
		if (!note || !notetype) {
			const text = [[{text: `This card's note (${card.nid}) or note type is missing.`, token: 'error' as const}]];
			return {question: text, answer: text, images: [], questionSounds: [], answerSounds: []};
		}
		// In a filtered deck the card renders with its home deck's name, as in Anki.
		const rendered = renderCard({note, notetype, card, deckName: deckName(card.odid || card.did), mediaExists: options.mediaExists});
		const files = (refs: typeof rendered.sounds.question) => refs.flatMap((r) => (r.kind === 'sound' ? [r.file] : []));
		const view: RenderedCardView = {
			question: styledToView(rendered.question),
			answer: styledToView(rendered.answer),
			images: rendered.images,
			imageRefs: rendered.imageRefs,
			questionSounds: files(rendered.sounds.question),
			answerSounds: files(rendered.sounds.answer),
		};
		if (rendered.typeAnswer) view.typeAnswer = {...rendered.typeAnswer};
		if (rendered.hints.length > 0) view.hints = rendered.hints.map((h) => ({field: h.field, lines: styledToView(h.text)}));
		return view;
	};

	const editInEditor = (target: EditTarget, handOff: TerminalHandoff): NoteEditResult => {
		// Prepared before the terminal is handed over: a missing note is reported on the screen.
		const session = startEdit(col, target);
		const result = describeEditRun(handOff(() => editWithExternalEditor(session, {nowMs: now})), deckName, col);
		refreshDecks();
		return result;
	};
	const editNote = (cardId: number, handOff: TerminalHandoff): NoteEditResult => {
		const card = getCard(col.db, cardId);
		if (!card) return {changed: false, message: `Card ${cardId} no longer exists.`};
		return editInEditor({kind: 'note', noteId: card.nid, cardId}, handOff);
	};
	const addNote = (where: {deckId?: number; homeDeckOfReviewerCard?: number}, handOff: TerminalHandoff): NoteEditResult => {
		const {notetype, deck} = addingTarget(col, where);
		return editInEditor({kind: 'add', notetypeId: notetype.id, deckId: deck.id}, handOff);
	};

	const configFor = (card: Card): DeckConfig | undefined => {
		const deck = decks.get(card.odid || card.did);
		return deck?.normal ? deckConfigs.get(deck.normal.configId) : undefined;
	};

	return {
		collectionPath: options.label || col.path,
		now,
		ankiProfiles: () => otherProfiles(col.path).map((p) => ({name: p.name, command: profileCommand(p)})),
		deckTree: () => {
			refreshDecks();
			return loadDeckTree(col, new Date(now()), {cardTotals: false}) as DeckTreeItem[];
		},
		overview: (deckId) => {
			// Decks may have changed since the list was read (custom study, a new filtered deck).
			refreshDecks();
			const deck = decks.get(deckId);
			const counts = deckTreeCounts(col, new Date(now())).get(deckId) ?? {new: 0, learn: 0, review: 0};
			return {
				id: deckId,
				name: deck?.name ?? deckName(deckId),
				filtered: deck?.filtered !== undefined,
				description: deck?.description ? styledToView(htmlToStyled(deck.description)) : [],
				counts,
			};
		},
		startReview: (deckId): ReviewHandle => {
			const session = openReviewSession(col, deckId, {now});
			const controller = new ReviewController({
				session,
				render: renderQueued,
				deckName,
				compareTyped: (typeAnswer, typed) =>
					styledToView(typeAnswerStyled(typeAnswerCompare(typeAnswer.expected, typed, {ignoreCombining: typeAnswer.ignoreCombining}))),
				autoplay: (queued) => config.audio.autoplay ?? !(configFor(queued.card)?.disableAutoplay ?? false),
				playAudio: (files) => audio.play(files),
				openMedia: (files) => openMediaFiles(mediaDir, files),
				cardInfo: (queued) => {
					const info = cardInfo(col, queued.card.id, {nowMs: now()});
					return info ? cardInfoView(info) : {title: 'Card Info', facts: [['Card ID', String(queued.card.id)]], history: []};
				},
				...(col.readOnly
					? {}
					: {
							editNote: (queued, handOff) => editNote(queued.card.id, handOff),
							// In a filtered deck the note goes where Anki's Add window would put it.
							addNote: (queued, handOff) =>
								addNote({deckId, ...(queued ? {homeDeckOfReviewerCard: queued.card.odid || queued.card.did} : {})}, handOff),
						}),
				now,
			});
			return {controller, summary: () => session.summary(), close: () => audio.stop()};
		},
		browser: () => createBrowserModel({collection: col, now, renderCard: renderCardView}),
		stats: (deckId, period) => statsReport(col, {deckId, period, nowMs: now()}),
		setCollapsed: col.readOnly
			? undefined
			: (deckId, collapsed) => {
					const deck = decks.get(deckId);
					if (!deck) return;
					const nowMs = now();
					col.transaction(() => {
						col.adapter.updateDeck({...deck, collapsed}, Math.floor(nowMs / 1000));
						col.touch(nowMs);
					});
					refreshDecks();
				},
		...(col.readOnly ? {} : {editNote, addNote}),
		// Saved options apply to the next review (autoplay reads the presets).
		deckOptions: createDeckOptionsModel(col, now, () => {
			deckConfigs = new Map(col.adapter.deckConfigs().map((c) => [c.id, c]));
			refreshDecks();
		}),
		study: col.readOnly ? undefined : createStudyModel(col, now),
		close: () => audio.stop(),
	};
}

function describeEditRun(run: EditRun, deckName: (id: number) => string, col: Collection): NoteEditResult {
	switch (run.kind) {
		case 'editor-failed':
			return {changed: false, message: `${run.editor} exited with status ${run.status ?? 'unknown'}; nothing was written.`};
		case 'cancelled':
			return {changed: false, message: 'The document was emptied; nothing was written.'};
		case 'unchanged':
			return {changed: false, message: 'Nothing changed.'};
		case 'saved': {
			const warning = run.warnings.length ? ` Warning: ${run.warnings.join(' ')}` : '';
			if (run.label === 'Update Note') {
				const cards = run.newCardIds.length ? ` ${run.newCardIds.length} new card${run.newCardIds.length === 1 ? '' : 's'}.` : '';
				return {changed: true, message: `Note updated.${cards}${warning}`};
			}
			const first = run.newCardIds[0] === undefined ? null : getCard(col.db, run.newCardIds[0]);
			const where = first ? ` to "${deckName(first.did)}"` : '';
			const count = `${run.newCardIds.length} card${run.newCardIds.length === 1 ? '' : 's'}`;
			return {changed: true, message: `Note added${where} (${count}).${warning}`, ...(first ? {added: {noteId: run.noteId, cardId: first.id}} : {})};
		}
	}
}

function noteOf(col: Collection, card: Card): Note | null {
	for (const row of cardsWithNotes(col, {cardId: card.id})) return row.note;
	return null;
}
