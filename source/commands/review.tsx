// `anki-tui` / `anki-tui review [FILE] [--deck NAME]`: opens the collection (or package), builds
// the screens' model from the core (deck tree, overview, review sessions, rendering, media) and
// runs the Ink app on the alternate screen. Every answer is committed by the session before the
// next card shows, so however the process ends no answered card is lost.
import React from 'react';
import {appendFileSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {render} from 'ink';
import type {Collection} from '../core/collection/types.js';
import type {Card, Deck, DeckConfig, Note, Notetype} from '../core/model.js';
import {openInput, type OpenedInput} from './open-input.js';
import {loadDeckTree} from '../core/overview/load-deck-tree.js';
import {deckTreeCounts} from '../core/scheduler/deck-counts.js';
import {openReviewSession} from '../core/scheduler/session.js';
import type {QueuedCard} from '../core/scheduler/types.js';
import {isV1, upgradeToV2} from '../core/package/merge-v1.js';
import {renderCard} from '../core/render/index.js';
import {htmlToStyled} from '../core/render/html-to-terminal.js';
import {typeAnswerCompare, typeAnswerStyled} from '../core/render/type-answer.js';
import {cardsWithNotes} from '../core/collection/listing.js';
import {deckIdsForName} from '../core/overview/deck-names.js';
import {cardHistory} from '../core/collection/revlog.js';
import {createAudioPlayer} from '../core/media/audio.js';
import {openMediaFiles} from '../core/media/open.js';
import {imageOverlayFor} from '../ui/graphics/inline-images.js';
import {App, type AppModel, type ReviewHandle} from '../ui/App.js';
import {configPath, parseConfig, type UiConfig} from '../ui/config.js';
import {ReviewController} from '../ui/controller/review-controller.js';
import {styledToView} from '../ui/styled-view.js';
import {resolveTheme} from '../ui/theme.js';
import type {CardInfoView, DeckTreeItem, RenderedCardView} from '../ui/view-types.js';

export interface ReviewOptions {
	/** A package (.apkg/.colpkg) or a collection file; none = the local collection. */
	file?: string;
	/** --collection: the collection to use when no file is given. */
	collection?: string;
	/** --deck: study this deck (and its subdecks) straight away. */
	deck?: string;
	/** --no-color (NO_COLOR is read from env as well). */
	noColor?: boolean;
	env?: NodeJS.ProcessEnv;
	/** Defaults to the XDG config path. */
	configFile?: string;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	/** Where one-line notices go before the reviewer starts (default process.stderr). */
	stderr?: NodeJS.WritableStream;
	/** Called with the time from process start to the first frame (ms), for measurements. */
	onFirstFrame?: (ms: number) => void;
}

/**
 * With ANKI_TUI_TIMINGS=FILE the reviewer appends one JSON line per run: ms from process start to
 * the first frame, and ms from each key press to the frame it caused (bench/ reads these).
 */
function timingRecorder(file: string | undefined) {
	const keyToFrame: number[] = [];
	const marks: Record<string, number> = {};
	let firstFrame: number | null = null;
	let keyAt: number | null = null;
	return {
		key: () => {
			keyAt = performance.now();
		},
		frame: () => {
			const now = performance.now();
			if (firstFrame === null) firstFrame = now;
			if (keyAt !== null) {
				keyToFrame.push(now - keyAt);
				keyAt = null;
			}
		},
		firstFrame: () => firstFrame,
		/** Ms since process start at a named step of startup. */
		mark: (name: string) => {
			marks[name] = performance.now();
		},
		save: () => {
			if (file) appendFileSync(file, `${JSON.stringify({firstFrameMs: firstFrame, marks, keyToFrameMs: keyToFrame})}\n`);
		},
	};
}

const enterAltScreen = '\u001B[?1049h\u001B[H';
const leaveAltScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

/** Runs the interactive reviewer; resolves with the exit code when the user quits. */
export async function runReview(options: ReviewOptions): Promise<number> {
	const env = options.env ?? process.env;
	const timings = timingRecorder(env.ANKI_TUI_TIMINGS);
	timings.mark('start');
	// Raw mode from the start: keys typed while the collection opens are kept for the first screen
	// instead of being echoed by the terminal (which would scroll the frame).
	const stdin = options.stdin ?? process.stdin;
	if (stdin.isTTY) stdin.setRawMode(true);
	try {
		return await runWithRawInput(options, env, timings);
	} finally {
		if (stdin.isTTY) stdin.setRawMode(false);
	}
}

async function runWithRawInput(options: ReviewOptions, env: NodeJS.ProcessEnv, timings: ReturnType<typeof timingRecorder>): Promise<number> {
	const config = loadConfig(options.configFile ?? configPath(env, env.HOME || homedir()));
	const theme = resolveTheme({name: config.theme, noColor: options.noColor, env, overrides: config.colors});

	const input = await openInput(options.file, {collection: options.collection, readOnly: false});
	timings.mark('opened');
	upgradeV1SchedulerIfNeeded(input, options.stderr ?? process.stderr);
	const stdout = options.stdout ?? process.stdout;
	// Images only on a terminal; `auto` keeps them off inside tmux and over SSH.
	const overlay = imageOverlayFor({env, setting: config.images.inline, mediaDir: input.mediaDir ?? null, stdout});
	let restored = false;
	const restoreScreen = () => {
		if (restored) return;
		restored = true;
		if (stdout.isTTY) stdout.write((overlay?.dispose() ?? '') + leaveAltScreen + showCursor);
	};
	try {
		const model = buildModel(input, config, options.file ?? options.collection ?? '');
		let startDeckId: number | undefined;
		if (options.deck !== undefined) {
			// Throws a UsageError listing the decks when there is no such deck.
			startDeckId = deckIdsForName(input.collection.adapter.decks(), options.deck)[0];
		}
		timings.mark('model');
		// The alternate screen keeps the user's scrollback intact and avoids flicker on redraw.
		if (stdout.isTTY) stdout.write(enterAltScreen);
		const app = render(
			<App model={model} theme={theme} bindings={config.bindings} startDeckId={startDeckId} notice={config.warnings[0] ?? null} onKey={timings.key} images={overlay?.images} />,
			{
				stdout: overlay?.stdout ?? stdout,
				// ink spreads its options over its defaults: an undefined stdin would replace process.stdin.
				...(options.stdin ? {stdin: options.stdin} : {}),
				exitOnCtrlC: true,
				patchConsole: false,
				maxFps: 60,
				// ink 6.8's incremental mode leaves stale rows when a frame's line count changes; full
				// frames (inside synchronized-output markers where supported) stay correct.
				incrementalRendering: false,
				onRender: () => {
					const first = timings.firstFrame() === null;
					timings.frame();
					if (first) options.onFirstFrame?.(timings.firstFrame()!);
				},
			},
		);
		// A terminal closing or a kill still leaves cleanly: answers are already committed.
		const quit = () => app.unmount();
		const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
		for (const signal of signals) process.once(signal, quit);
		try {
			await app.waitUntilExit();
		} finally {
			for (const signal of signals) process.off(signal, quit);
			model.close();
			timings.save();
		}
		return 0;
	} finally {
		restoreScreen();
		input.close();
	}
}

function loadConfig(file: string): UiConfig {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return parseConfig(undefined);
	}
	try {
		return parseConfig(JSON.parse(text));
	} catch (error) {
		const config = parseConfig(undefined);
		config.warnings.push(`config: ${file} is not valid JSON (${(error as Error).message}); using defaults`);
		return config;
	}
}

interface Model extends AppModel {
	close(): void;
}

function buildModel(input: OpenedInput, config: UiConfig, label: string): Model {
	const col: Collection = input.collection;
	const mediaDir = input.mediaDir ?? null;
	const audio = createAudioPlayer({mediaDir, configured: config.audio.player});
	const notetypes = new Map<number, Notetype>(col.adapter.notetypes().map((nt) => [nt.id, nt]));
	const deckConfigs = new Map<number, DeckConfig>(col.adapter.deckConfigs().map((c) => [c.id, c]));
	let decks = new Map<number, Deck>();
	const refreshDecks = () => {
		decks = new Map(col.adapter.decks().map((d) => [d.id, d]));
	};
	refreshDecks();
	const deckName = (id: number) => decks.get(id)?.name ?? `Deck ${id}`;

	const renderQueued = (queued: QueuedCard): RenderedCardView => {
		const card = queued.card;
		const note = noteOf(col, card);
		const notetype = note ? notetypes.get(note.mid) : undefined;
		if (!note || !notetype) {
			const text = [[{text: `This card's note (${card.nid}) or note type is missing.`, token: 'error'}]];
			return {question: text, answer: text, images: [], questionSounds: [], answerSounds: []};
		}
		// In a filtered deck the card renders with its home deck's name, as in Anki.
		const rendered = renderCard({note, notetype, card, deckName: deckName(card.odid || card.did)});
		const files = (refs: typeof rendered.sounds.question) => refs.flatMap((r) => (r.kind === 'sound' ? [r.file] : []));
		const view: RenderedCardView = {
			question: styledToView(rendered.question),
			answer: styledToView(rendered.answer),
			images: rendered.images,
			questionSounds: files(rendered.sounds.question),
			answerSounds: files(rendered.sounds.answer),
		};
		if (rendered.typeAnswer) view.typeAnswer = {...rendered.typeAnswer};
		if (rendered.hints.length > 0) view.hints = rendered.hints.map((h) => ({field: h.field, lines: styledToView(h.text)}));
		return view;
	};

	const configFor = (card: Card): DeckConfig | undefined => {
		const deck = decks.get(card.odid || card.did);
		return deck?.normal ? deckConfigs.get(deck.normal.configId) : undefined;
	};

	const model: Model = {
		collectionPath: label || col.path,
		now: () => Date.now(),
		deckTree: () => {
			refreshDecks();
			return loadDeckTree(col, new Date()) as DeckTreeItem[];
		},
		overview: (deckId) => {
			const deck = decks.get(deckId);
			const counts = deckTreeCounts(col, new Date()).get(deckId) ?? {new: 0, learn: 0, review: 0};
			return {
				id: deckId,
				name: deck?.name ?? deckName(deckId),
				description: deck?.description ? styledToView(htmlToStyled(deck.description)) : [],
				counts,
			};
		},
		startReview: (deckId): ReviewHandle => {
			const session = openReviewSession(col, deckId);
			const controller = new ReviewController({
				session,
				render: renderQueued,
				deckName,
				compareTyped: (typeAnswer, typed) =>
					styledToView(typeAnswerStyled(typeAnswerCompare(typeAnswer.expected, typed, {ignoreCombining: typeAnswer.ignoreCombining}))),
				autoplay: (queued) => config.audio.autoplay ?? !(configFor(queued.card)?.disableAutoplay ?? false),
				playAudio: (files) => audio.play(files),
				openMedia: (files) => openMediaFiles(mediaDir, files),
				cardInfo: (queued) => cardInfo(col, queued.card, deckName, notetypes),
				now: () => Date.now(),
			});
			return {controller, summary: () => session.summary(), close: () => audio.stop()};
		},
		setCollapsed: col.readOnly
			? undefined
			: (deckId, collapsed) => {
					const deck = decks.get(deckId);
					if (!deck) return;
					const nowMs = Date.now();
					col.transaction(() => {
						col.adapter.updateDeck({...deck, collapsed}, Math.floor(nowMs / 1000));
						col.touch(nowMs);
					});
					refreshDecks();
				},
		close: () => audio.stop(),
	};
	return model;
}

/**
 * A collection still on Anki's v1 scheduler is upgraded to v2 before anything is studied, as
 * current Anki does on open (after a backup, with a message): v3 answers are not valid v1 states.
 */
function upgradeV1SchedulerIfNeeded(input: OpenedInput, stderr: NodeJS.WritableStream): void {
	const col = input.collection;
	if (col.readOnly || !isV1(col.adapter)) return;
	col.transaction(() => upgradeToV2(col.db, col.adapter, Date.now()));
	stderr.write(
		`${col.path} was on Anki's old v1 scheduler; upgraded to v2 as current Anki does${col.backupPath ? ` (backup: ${col.backupPath})` : ''}. Its next sync will be a full sync.\n`,
	);
}

function noteOf(col: Collection, card: Card): Note | null {
	for (const row of cardsWithNotes(col, {cardId: card.id})) return row.note;
	return null;
}

const cardTypes = ['New', 'Learning', 'Review', 'Relearning'];
const revlogTypes = ['Learn', 'Review', 'Relearn', 'Filtered', 'Manual', 'Rescheduled'];

function day(secs: number): string {
	return new Date(secs * 1000).toISOString().slice(0, 10);
}

function interval(days: number): string {
	// Negative revlog intervals are seconds (learning steps), as Anki stores them.
	if (days < 0) return `${Math.round(-days / 60)}m`;
	if (days < 30) return `${days}d`;
	if (days < 365) return `${(days / 30).toFixed(1)}mo`;
	return `${(days / 365).toFixed(1)}y`;
}

function cardInfo(col: Collection, card: Card, deckName: (id: number) => string, notetypes: Map<number, Notetype>): CardInfoView {
	const note: Note | null = noteOf(col, card);
	const history = cardHistory(col.db, card.id);
	const facts: Array<[string, string]> = [
		['Added', day(Math.floor(card.id / 1000))],
		['Deck', deckName(card.odid || card.did)],
		['Note type', note ? (notetypes.get(note.mid)?.name ?? '?') : '?'],
		['Card type', cardTypes[card.type] ?? String(card.type)],
	];
	if (history.length > 0) {
		facts.push(['First review', day(Math.floor(history.at(-1)!.id / 1000))]);
		facts.push(['Latest review', day(Math.floor(history[0]!.id / 1000))]);
	}
	if (card.type === 2 || card.type === 3) {
		facts.push(['Interval', interval(card.ivl)]);
		if (card.factor > 0) facts.push(['Ease', `${card.factor / 10}%`]);
	}
	facts.push(['Reviews', String(card.reps)], ['Lapses', String(card.lapses)]);
	const totalMs = history.reduce((sum, r) => sum + r.time, 0);
	if (history.length > 0) facts.push(['Total time', `${Math.round(totalMs / 1000)}s`]);
	facts.push(['Card ID', String(card.id)], ['Note ID', String(card.nid)]);
	return {
		title: 'Card info',
		facts,
		history: history.map((r) => ({
			date: new Date(r.id).toISOString().slice(0, 16).replace('T', ' '),
			type: revlogTypes[r.type] ?? String(r.type),
			rating: String(r.ease),
			interval: interval(r.ivl),
			ease: r.factor > 0 ? `${r.factor / 10}%` : '',
			time: `${Math.round(r.time / 1000)}s`,
		})),
	};
}
