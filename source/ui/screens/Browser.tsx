// The card browser: a search line in Anki's syntax (searched on every key press), a table of
// cards or notes with Anki's default columns drawn only for the rows on screen, a preview of the
// row's card rendered as the reviewer renders it, and actions on the selected rows.
import React, {useMemo, useRef, useSyncExternalStore} from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {browserColumns, type BrowserRowView} from '../browser-model.js';
import {deckChoices, type BrowserController, type BrowserPrompt, type BrowserState} from '../controller/browser-controller.js';
import {firstKey, type Bindings, type CommandId, type Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import type {ViewLine} from '../view-types.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {LineText, Tok} from '../components/StyledLines.js';
import {fitText, wrapLines} from '../wrap.js';
import {countOf, groupedCount} from '../format.js';

export interface BrowserProps {
	controller: BrowserController;
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	onBack: () => void;
	onHelp: () => void;
}

/** Scopes while the rows have the keyboard; the help overlay lists these and the prompt's keys. */
export const browserScopes: readonly Scope[] = ['browser', 'app'];
export const browserHelpScopes: readonly Scope[] = ['browser', 'prompt', 'app'];
const typingScopes: readonly Scope[] = ['prompt'];

/** Column widths: the sort field takes what the others leave. */
function columnWidths(width: number, mode: BrowserState['mode']): number[] {
	const inner = width - 2;
	const second = mode === 'cards' ? 12 : 14;
	const third = mode === 'cards' ? 12 : 5;
	const fourth = Math.max(8, Math.min(24, Math.floor(inner * 0.26)));
	const first = Math.max(8, inner - second - third - fourth - 3);
	return [first, second, third, fourth];
}

function promptLine(prompt: BrowserPrompt, targets: number, mode: BrowserState['mode']): string {
	const what = countOf(targets, mode === 'cards' ? 'card' : 'note');
	switch (prompt.kind) {
		case 'addTags':
			return `Add tags to ${what}: ${prompt.text}`;
		case 'removeTags':
			return `Remove tags from ${what}: ${prompt.text}`;
		case 'due':
			return `Set due date of ${what} (0 today, 1!, 3-7): ${prompt.text}`;
		case 'deck':
			return `Move ${what} to deck: ${prompt.text}`;
		case 'forget':
			return `Forget ${what}: [${prompt.choice.restorePosition ? 'x' : ' '}] restore position (p)  [${prompt.choice.resetCounts ? 'x' : ' '}] reset counts (c)`;
		case 'delete':
			return `Delete ${countOf(prompt.notes, 'note')} and ${countOf(prompt.cards, 'card')}? (y/n)`;
	}
}

export function Browser(props: BrowserProps): React.JSX.Element {
	const {controller, theme, bindings, width, height} = props;
	const model = controller.model;
	const state = useSyncExternalStore(controller.subscribe, controller.getState);
	const version = controller.rowsVersion;
	const message = state.error ?? state.message ?? state.hint;
	const body = bodyHeight(height, Boolean(message));
	const previewShown = state.preview && body >= 10;
	const previewRows = previewShown ? Math.max(4, Math.floor((body - 2) * 0.45)) : 0;
	const tableRows = Math.max(1, body - 2 - previewRows);

	// The first row on screen follows the cursor (kept between renders).
	const top = useRef(0);
	if (state.cursor < top.current) top.current = state.cursor;
	if (state.cursor >= top.current + tableRows) top.current = state.cursor - tableRows + 1;
	top.current = Math.max(0, Math.min(top.current, Math.max(0, state.ids.length - tableRows)));
	const first = top.current;
	const visibleIds = Array.from(state.ids.subarray(first, first + tableRows));
	const visibleKey = visibleIds.join(',');
	// Only the rows on screen are read from the collection.
	const rows = useMemo(() => model.rows(state.mode, visibleIds), [model, state.mode, visibleKey, version]);
	const current = rows[state.cursor - first];
	const previewCard = current?.cardId ?? null;
	const preview = useMemo(() => (previewShown && previewCard !== null ? model.preview(previewCard) : null), [model, previewShown, previewCard, version]);
	// Kept between key presses that change neither (typing a search that keeps the rows): the rows
	// and preview are not laid out again.
	const previewView = useMemo(() => (preview ? previewLines(preview.question, preview.answer) : []), [preview]);

	useCommands(
		bindings,
		controller.isTyping() ? typingScopes : browserScopes,
		(command: CommandId) => {
			if (controller.isTyping()) return controller.promptCommand(command);
			if (command === 'app.help') return props.onHelp();
			if (command === 'app.back') return props.onBack();
			controller.dispatch(command, tableRows);
		},
		{
			isActive: props.active ?? true,
			isTyping: () => controller.isTyping(),
			onText: (text) => controller.typeText(text),
			onBackspace: () => controller.backspace(),
		},
	);

	const widths = useMemo(() => columnWidths(width, state.mode), [width, state.mode]);
	const columns = browserColumns[state.mode];
	const header = columns
		.map((column, i) => {
			const arrow = state.order.column === column.key ? (state.order.reverse ? ' ▼' : ' ▲') : '';
			return fitText(column.label + arrow, widths[i]!);
		})
		.join(' ');
	const count = countOf(state.ids.length, state.mode === 'cards' ? 'card' : 'note');
	const selection = state.selected.size > 0 ? ` · ${groupedCount(state.selected.size)} selected` : '';
	const targets = state.selected.size > 0 ? state.selected.size : state.ids.length > 0 ? 1 : 0;

	let footer: React.ReactNode;
	if (state.prompt) {
		footer = (
			<Text wrap="truncate-end">
				<Tok theme={theme} token="accent">
					{promptLine(state.prompt, targets, state.mode)}
				</Tok>
				{'text' in state.prompt ? <Tok theme={theme} token="accent">█</Tok> : null}
				<Tok theme={theme} token="muted">{`  ${state.prompt.kind === 'delete' ? '' : 'Enter apply · '}Esc cancel`}</Tok>
			</Text>
		);
	} else if (state.typing) {
		footer = <Hints theme={theme} items={[['Enter', 'done'], ['↓', 'rows'], ['Ctrl+U', 'clear']]} />;
	} else {
		footer = (
			<Hints
				theme={theme}
				items={[
					[firstKey(bindings, 'browser.search'), 'search'],
					[firstKey(bindings, 'browser.select'), 'select'],
					[firstKey(bindings, 'browser.edit'), 'edit'],
					[firstKey(bindings, 'browser.mode'), state.mode === 'cards' ? 'notes' : 'cards'],
					[firstKey(bindings, 'app.help'), 'actions'],
					[firstKey(bindings, 'app.back'), 'back'],
				]}
			/>
		);
	}

	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={
				<Text>
					<Tok theme={theme} token="title">
						Browse
					</Tok>
					<Tok theme={theme} token="muted">{`  ${count}${selection}`}</Tok>
				</Text>
			}
			message={message}
			footer={footer}
		>
			<Text wrap="truncate-end">
				<Tok theme={theme} token={state.typing ? 'accent' : 'muted'}>
					{'Search: '}
				</Tok>
				<Tok theme={theme} token={state.error ? 'error' : 'text'}>
					{state.query}
				</Tok>
				{state.typing ? <Tok theme={theme} token="accent">█</Tok> : null}
			</Text>
			<Tok theme={theme} token="muted">
				{`  ${header}`}
			</Tok>
			{Array.from({length: tableRows}, (_, i) => {
				const row = rows[i];
				if (!row) return <Text key={i}> </Text>;
				return <Row key={row.id} row={row} theme={theme} widths={widths} cursor={first + i === state.cursor} selected={state.selected.has(row.id)} />;
			})}
			{previewShown ? (
				state.prompt?.kind === 'deck' ? (
					<DeckChoices theme={theme} prompt={state.prompt} width={width} rows={previewRows} />
				) : (
					<Preview theme={theme} lines={previewView} width={width} rows={previewRows} />
				)
			) : null}
		</Frame>
	);
}

const Row = React.memo(function Row({row, theme, widths, cursor, selected}: {row: BrowserRowView; theme: Theme; widths: number[]; cursor: boolean; selected: boolean}): React.JSX.Element {
	const text = row.cells.map((cell, i) => fitText(cell, widths[i]!)).join(' ');
	const mark = `${cursor ? '›' : ' '}${selected ? '•' : ' '}`;
	return (
		<Text wrap="truncate-end">
			<Tok theme={theme} token={selected ? 'accent' : 'text'}>
				{mark}
			</Tok>
			<Tok theme={theme} token={cursor ? 'selected' : (row.color ?? 'text')}>
				{text}
			</Tok>
		</Text>
	);
});

const lineText = (line: ViewLine) => line.map((span) => span.text).join('');

/**
 * The card as the reviewer shows it: the answer side, which usually repeats the question
 * ({{FrontSide}}); when it does not, the question first and a rule.
 */
function previewLines(question: ViewLine[], answer: ViewLine[]): ViewLine[] {
	const repeats = question.every((line, i) => answer[i] !== undefined && lineText(answer[i]!) === lineText(line));
	return repeats ? answer : [...question, [{text: '', slot: 'rule'}], ...answer];
}

function titledRule(title: string, width: number): string {
	const text = `── ${title} `;
	return text + '─'.repeat(Math.max(0, width - text.length));
}

const Preview = React.memo(function Preview({theme, lines, width, rows}: {theme: Theme; lines: ViewLine[]; width: number; rows: number}): React.JSX.Element {
	const wrapped = wrapLines(
		lines.map((line) => (line[0]?.slot === 'rule' ? [{text: '╌'.repeat(Math.max(0, width)), token: 'border'}] : line.filter((span) => span.slot !== 'image'))),
		width,
	).slice(0, rows - 1);
	return (
		<Box flexDirection="column">
			<Tok theme={theme} token="border">
				{titledRule('Preview', width)}
			</Tok>
			{wrapped.map((line, i) => (
				<LineText key={i} line={line} theme={theme} />
			))}
		</Box>
	);
});

function DeckChoices({theme, prompt, width, rows}: {theme: Theme; prompt: Extract<BrowserPrompt, {kind: 'deck'}>; width: number; rows: number}): React.JSX.Element {
	const choices = deckChoices(prompt);
	const visible = rows - 1;
	const start = Math.max(0, Math.min(prompt.index - Math.floor(visible / 2), choices.length - visible));
	return (
		<Box flexDirection="column">
			<Tok theme={theme} token="border">
				{titledRule(`Decks (${choices.length})`, width)}
			</Tok>
			{choices.slice(start, start + visible).map((name, i) => (
				<Tok key={name} theme={theme} token={start + i === prompt.index ? 'selected' : 'text'}>
					{fitText(` ${name}`, width)}
				</Tok>
			))}
		</Box>
	);
}
