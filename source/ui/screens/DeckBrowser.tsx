// The deck list: tree with collapse/expand, New / Learn / Due in Anki's colours, totals.
import React, {useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import type {Bindings, CommandId, Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import type {DeckTreeItem} from '../view-types.js';
import {deckRows, initiallyCollapsed, treeTotals} from '../controller/deck-rows.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints} from '../components/Frame.js';
import {CountNumber} from '../components/Counts.js';
import {Tok} from '../components/StyledLines.js';
import {fitText} from '../wrap.js';
import {deckCountWidth as countWidth, deckListHints, deckListWindow, deckNameWidth, deckRowLabel} from '../deck-list-layout.js';

export interface DeckBrowserProps {
	tree: DeckTreeItem[];
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	selectedId?: number;
	message?: string | null;
	onSelect?: (deckId: number) => void;
	onStudy: (deckId: number) => void;
	onOverview: (deckId: number) => void;
	/** Opens the card browser. */
	onBrowse?: () => void;
	onOptions?: (deckId: number) => void;
	/** Opens the deck's statistics; absent = no statistics. */
	onStats?: (deckId: number) => void;
	onCollapse?: (deckId: number, collapsed: boolean) => void;
	/** Adds a note in the user's editor, to this deck (absent on a read-only collection). */
	onAdd?: (deckId: number) => void;
	onCreate?: () => void;
	onCreateFiltered?: () => void;
	onRename?: (deckId: number, name: string) => void;
	onDelete?: (deckId: number) => void;
	onUndo?: () => void;
	onBack: () => void;
	onHelp: () => void;
}

export const deckBrowserScopes: readonly Scope[] = ['decks', 'app'];

export function DeckBrowser(props: DeckBrowserProps): React.JSX.Element {
	const {tree, theme, bindings, width, height} = props;
	const [collapsed, setCollapsed] = useState(() => initiallyCollapsed(tree));
	const rows = useMemo(() => deckRows(tree, collapsed), [tree, collapsed]);
	const [index, setIndex] = useState(() => Math.max(0, rows.findIndex((r) => r.item.id === props.selectedId)));
	const selected = Math.min(index, Math.max(0, rows.length - 1));
	// Key handlers read and write these refs so keys arriving before a re-render still add up.
	const live = useRef({selected, rows, collapsed});
	live.current = {selected, rows, collapsed};
	const row = () => live.current.rows[live.current.selected];

	const move = (to: number) => {
		const {rows} = live.current;
		const next = Math.max(0, Math.min(rows.length - 1, to));
		live.current.selected = next;
		setIndex(next);
		if (rows[next]) props.onSelect?.(rows[next].item.id);
	};
	const setDeckCollapsed = (value: boolean) => {
		const r = row();
		if (!r || !r.hasChildren || r.collapsed === value) return;
		const next = new Set(live.current.collapsed);
		if (value) next.add(r.item.id);
		else next.delete(r.item.id);
		live.current.collapsed = next;
		live.current.rows = deckRows(tree, next);
		setCollapsed(next);
		props.onCollapse?.(r.item.id, value);
	};

	useCommands(
		bindings,
		deckBrowserScopes,
		(command: CommandId) => {
			switch (command) {
				case 'decks.up':
					return move(live.current.selected - 1);
				case 'decks.down':
					return move(live.current.selected + 1);
				case 'decks.top':
					return move(0);
				case 'decks.bottom':
					return move(live.current.rows.length - 1);
				case 'decks.collapse':
					return setDeckCollapsed(true);
				case 'decks.expand':
					return setDeckCollapsed(false);
				case 'decks.toggle':
					return setDeckCollapsed(!row()?.collapsed);
				case 'decks.study': {
					const r = row();
					if (r) props.onStudy(r.item.id);
					return;
				}
				case 'decks.overview': {
					const r = row();
					if (r) props.onOverview(r.item.id);
					return;
				}
				case 'decks.browse':
					return props.onBrowse?.();
				case 'decks.add': {
					const r = row();
					if (r) props.onAdd?.(r.item.id);
					return;
				}
				case 'decks.options': {
					const r = row();
					if (r) props.onOptions?.(r.item.id);
					return;
				}
				case 'decks.stats': {
					const r = row();
					if (r) props.onStats?.(r.item.id);
					return;
				}
				case 'decks.create':
					return props.onCreate?.();
				case 'decks.createFiltered':
					return props.onCreateFiltered?.();
				case 'decks.rename': {
					const r = row();
					if (r) props.onRename?.(r.item.id, r.item.name);
					return;
				}
				case 'decks.delete': {
					const r = row();
					if (r) props.onDelete?.(r.item.id);
					return;
				}
				case 'decks.undo':
					return props.onUndo?.();
				case 'app.help':
					return props.onHelp();
				case 'app.back':
					return props.onBack();
				default:
			}
		},
		{isActive: props.active ?? true},
	);

	const nameWidth = deckNameWidth(width);
	const {start, visible} = deckListWindow(selected, rows.length, height, Boolean(props.message));
	const totals = treeTotals(tree);

	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">Decks</Tok>}
			message={props.message}
			footer={
				<Hints theme={theme} items={deckListHints(bindings, Boolean(props.onStats))} />
			}
		>
			<Text>
				<Tok theme={theme} token="muted">
					{fitText(' Deck', nameWidth)}
				</Tok>
				<Tok theme={theme} token="new">{'New'.padStart(countWidth)}</Tok>
				<Tok theme={theme} token="learn">{'Learn'.padStart(countWidth)}</Tok>
				<Tok theme={theme} token="review">{'Due'.padStart(countWidth)}</Tok>
			</Text>
			{rows.slice(start, start + visible).map((r, i) => {
				const isSelected = start + i === selected;
				const label = deckRowLabel(r, isSelected, nameWidth);
				return (
					<Box key={r.item.id}>
						<Tok theme={theme} token={isSelected ? 'selected' : 'text'}>
							{label}
						</Tok>
						<CountNumber theme={theme} kind="new" value={r.item.new} width={countWidth} />
						<CountNumber theme={theme} kind="learn" value={r.item.learn} width={countWidth} />
						<CountNumber theme={theme} kind="review" value={r.item.review} width={countWidth} />
					</Box>
				);
			})}
			<Box>
				<Tok theme={theme} token="title">
					{fitText(' Total', nameWidth)}
				</Tok>
				<CountNumber theme={theme} kind="new" value={totals.new} width={countWidth} />
				<CountNumber theme={theme} kind="learn" value={totals.learn} width={countWidth} />
				<CountNumber theme={theme} kind="review" value={totals.review} width={countWidth} />
			</Box>
		</Frame>
	);
}
