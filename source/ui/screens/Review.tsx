// The reviewer: question, then answer with the four buttons and their next intervals; counts,
// deck name, type-in input, scrolling for long cards, the congrats screen when the deck is done.
import React, {useEffect, useState, useSyncExternalStore} from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {firstKey, type Bindings, type CommandId, type Scope} from '../keys.js';
import type {Theme, Token} from '../theme.js';
import type {ViewLine} from '../view-types.js';
import type {ReviewController, ReviewState} from '../controller/review-controller.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {LineText, Tok} from '../components/StyledLines.js';
import {ReviewCounts} from '../components/Counts.js';
import {AnswerButtons} from '../components/AnswerButtons.js';
import {CardInfo} from '../components/CardInfo.js';
import {humanDuration} from '../format.js';
import {wrapLines} from '../wrap.js';
import type {InlineImages} from '../graphics/inline-images.js';
import {imagePlacements, imageRefsOf, withImageRows} from '../graphics/image-rows.js';
import type {TerminalHandoff} from '../hooks/use-terminal-handoff.js';

export interface ReviewProps {
	controller: ReviewController;
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	/** Epoch ms; for "next cards due in ..." on the congrats screen. */
	now: () => number;
	onLeave: () => void;
	/** Opens the card browser at the card on screen (or none). */
	onBrowse?: (cardId: number | null) => void;
	/** Custom study from the congratulations screen (absent on a read-only collection). */
	onCustomStudy?: () => void;
	onHelp: () => void;
	/** Opens the deck's statistics (Anki's global `t`, shown on the congrats screen); absent = none. */
	onStats?: () => void;
	/** Inline images (a graphics terminal with images enabled); absent = placeholders only. */
	images?: InlineImages;
	/** Screen row (1-based) of the frame's first row; the app draws from the top of the screen. */
	top?: number;
	/** Hands the terminal to the user's editor for `e` and `a`; absent = those keys do nothing. */
	handOff?: TerminalHandoff;
}

export const reviewScopes: readonly Scope[] = ['review', 'scroll', 'app'];

/** The frame's title and rule sit above the body. */
const bodyOffset = 2;

/** Anki's flag colours, flag 1 (red) to 7 (purple). */
const flagTokens: Token[] = ['flag1', 'flag2', 'flag3', 'flag4', 'flag5', 'flag6', 'flag7'];

export function Review(props: ReviewProps): React.JSX.Element {
	const {controller, theme, bindings, width, height} = props;
	const state = useSyncExternalStore(controller.subscribe, controller.getState);
	const [scroll, setScroll] = useState(0);
	const [scrollFor, setScrollFor] = useState(state.cardSerial);
	// A new card (or the answer side) starts at the top.
	const scrollKey = state.cardSerial * 2 + (state.phase === 'answer' ? 1 : 0);
	if (scrollKey !== scrollFor) {
		setScrollFor(scrollKey);
		setScroll(0);
	}

	const images = props.images;
	// Images load in the background: render again when one is ready.
	useSyncExternalStore(images?.subscribe ?? noSubscription, images?.version ?? noVersion);
	const body = bodyHeight(height, Boolean(state.message), 1);
	const refs = imageRefsOf(state.rendered?.images ?? [], state.phase === 'answer' ? state.rendered?.imageRefs?.answer : state.rendered?.imageRefs?.question);
	const imageBox = {cols: width, rows: Math.max(4, Math.floor(body / 2)), occlusionRows: Math.max(4, body - 3)};
	const content = state.phase === 'done' ? congratsLines(state, props.now()) : withImageRows(cardLines(state), refs, images, imageBox);
	const rows = wrapLines(content, width);
	const overflow = rows.length > body;
	const view = overflow ? body - 1 : body;
	const maxScroll = Math.max(0, rows.length - view);
	const top = Math.min(scroll, maxScroll);
	const visible = rows.slice(top, top + view);
	// Published while rendering so the overlay knows the rows before Ink writes this very frame.
	images?.show(state.info ? [] : imagePlacements(visible, (props.top ?? 1) + bodyOffset));
	useEffect(() => () => images?.show([]), [images]);
	// A card with images (on either side) loads the image library while its question is read, so an
	// answer's image comes on the next frame; text cards never load it.
	const hasImages = (state.rendered?.images.length ?? 0) > 0;
	useEffect(() => {
		if (hasImages) void images?.prefetch();
	}, [images, hasImages]);

	useCommands(
		bindings,
		reviewScopes,
		(command: CommandId) => {
			if (command === 'app.help') return props.onHelp();
			if (command === 'review.browse') return props.onBrowse?.(controller.getState().current?.card.id ?? null);
			if (command === 'review.customStudy') {
				// As on Anki's congratulations screen: offered once the deck is finished.
				if (controller.getState().phase === 'done') props.onCustomStudy?.();
				return;
			}
			if (command === 'app.back') {
				if (controller.getState().info) controller.dispatch('review.info');
				else props.onLeave();
				return;
			}
			if (command === 'review.stats') {
				props.onStats?.();
				return;
			}
			// Scrolling keys that are also bound elsewhere (j/k) only scroll when there is more to see.
			if (command.startsWith('scroll.')) {
				const page = Math.max(1, view - 1);
				const delta = {'scroll.down': 1, 'scroll.up': -1, 'scroll.pageDown': page, 'scroll.pageUp': -page}[command as string] ?? 0;
				setScroll((s) => Math.max(0, Math.min(maxScroll, Math.min(s, maxScroll) + delta)));
				return;
			}
			if (command === 'review.edit' || command === 'review.add') {
				if (!props.handOff) return;
				if (command === 'review.edit') controller.editNote(props.handOff);
				else controller.addNote(props.handOff);
				return;
			}
			controller.dispatch(command);
		},
		{
			isActive: props.active ?? true,
			isTyping: () => controller.isTyping(),
			onText: (text) => controller.typeText(text),
			onBackspace: () => controller.backspace(),
		},
	);

	// The congrats screen comes back to life when the next learning card is due.
	useEffect(() => {
		if (state.phase !== 'done' || state.nextDueAt === null) return;
		const wait = Math.min(2 ** 31 - 1, Math.max(0, state.nextDueAt * 1000 - props.now()) + 500);
		const timer = setTimeout(() => controller.refresh(), wait);
		return () => clearTimeout(timer);
	}, [state.phase, state.nextDueAt, controller]);

	const flag = state.current?.card.flags ? state.current.card.flags & 0b111 : 0;
	const title = (
		<Text>
			<Tok theme={theme} token="title">
				{state.deckName || 'Review'}
			</Tok>
			{flag ? <Tok theme={theme} token={flagTokens[flag - 1]!}>{' ⚑'}</Tok> : null}
		</Text>
	);

	let footer: React.ReactNode;
	if (state.phase === 'answer' && state.labels) {
		footer = <AnswerButtons theme={theme} bindings={bindings} labels={state.labels} width={width} />;
	} else if (state.phase === 'question') {
		footer = (
			<Hints
				theme={theme}
				items={[
					[firstKey(bindings, 'review.flip'), 'show answer'],
					[firstKey(bindings, 'review.undo'), 'undo'],
					[firstKey(bindings, 'app.help'), 'help'],
					[controller.isTyping() ? 'Esc' : firstKey(bindings, 'app.back'), 'back'],
				]}
			/>
		);
	} else {
		const done = state.phase === 'done' && props.onCustomStudy;
		footer = (
			<Hints
				theme={theme}
				items={[
					[firstKey(bindings, 'app.back'), 'back'],
					[firstKey(bindings, 'review.undo'), 'undo'],
					...(props.onStats ? [[firstKey(bindings, 'review.stats'), 'stats'] as [string, string]] : []),
					...(done ? ([[firstKey(bindings, 'review.customStudy'), 'custom study']] as Array<[string, string]>) : []),
				]}
			/>
		);
	}

	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={title}
			right={state.phase === 'done' ? undefined : <ReviewCounts theme={theme} counts={state.counts} current={state.current?.kind} />}
			footer={footer}
			message={state.message}
		>
			{state.info ? (
				<CardInfo theme={theme} info={state.info} width={width} height={body} />
			) : (
				<Box flexDirection="column">
					{visible.map((line, i) => (
						<LineText key={i} line={line} theme={theme} />
					))}
					{overflow ? (
						<Tok theme={theme} token="muted">
							{`── ${top + view >= rows.length ? 'end' : 'more below'} (${top + 1}-${Math.min(rows.length, top + view)} of ${rows.length}) ${firstKey(bindings, 'scroll.pageDown')}/${firstKey(bindings, 'scroll.pageUp')} scroll ──`}
						</Tok>
					) : null}
				</Box>
			)}
		</Frame>
	);
}

function cardLines(state: ReviewState): ViewLine[] {
	const r = state.rendered;
	if (!r) return [];
	const shown = state.phase === 'answer' ? r.answer : r.question;
	const hintLines: ViewLine[] = state.hintsShown && r.hints ? r.hints.flatMap((h) => [[], [{text: `Hint (${h.field}):`, token: 'muted'}], ...h.lines]) : [];
	const side = [...shown, ...hintLines];
	if (!r.typeAnswer) return side.map((line) => line.filter((span) => span.slot !== 'type-answer'));
	let inserted: ViewLine[];
	if (state.phase === 'question') {
		inserted = [[{text: 'Type answer: ', token: 'muted'}, {text: state.typed}, {text: '█', token: 'accent'}]];
	} else {
		inserted = state.comparison ?? [];
	}
	// The input (or the comparison) goes where the template had {{type:...}}, else at the end.
	const lines: ViewLine[] = [];
	let placed = false;
	for (const line of side) {
		if (!line.some((span) => span.slot === 'type-answer')) {
			lines.push(line);
			continue;
		}
		const rest = line.filter((span) => span.slot !== 'type-answer');
		if (rest.length > 0) lines.push(rest);
		if (!placed) lines.push(...inserted);
		placed = true;
	}
	if (!placed) lines.push([], ...inserted);
	return lines;
}

const noSubscription = () => () => {};
const noVersion = () => 0;

function congratsLines(state: ReviewState, nowMs: number): ViewLine[] {
	const lines: ViewLine[] = [
		[{text: 'Congratulations! You have finished this deck for now.', bold: true}],
		[],
	];
	if (state.nextDueAt !== null) {
		const secs = state.nextDueAt - nowMs / 1000;
		lines.push([{text: secs <= 0 ? 'The next learning card is ready now.' : `The next learning card will be ready in ${humanDuration(secs)}.`}]);
	} else {
		lines.push([{text: 'More cards will be due tomorrow, when the day rolls over.'}]);
	}
	return lines;
}
