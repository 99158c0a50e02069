// The app: a stack of screens (navigation.ts) drawn from the screen registry (screens/registry.tsx),
// the help overlay over whichever screen is on top, and what all screens share (size, theme, keys,
// the chosen deck). Screens get plain data and callbacks; the model talks to the core.
import React, {useReducer, useRef, useState} from 'react';
import {useApp} from 'ink';
import type {AppModel} from './app-model.js';
import type {Bindings} from './keys.js';
import type {Theme} from './theme.js';
import type {DeckTreeItem} from './view-types.js';
import {ScreenStack} from './navigation.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {KeyRouter} from './hooks/key-router.js';
import {useTerminalHandoff} from './hooks/use-terminal-handoff.js';
import {HelpOverlay} from './screens/HelpOverlay.js';
import {screens, type Route, type ScreenProps} from './screens/registry.js';
import type {InlineImages} from './graphics/inline-images.js';

export interface AppProps {
	model: AppModel;
	theme: Theme;
	bindings: Bindings;
	/** Start straight in a deck's review (`review --deck NAME`); leaving its summary quits. */
	startDeckId?: number;
	/** The deck tree already counted for this start (the first paint's): the deck list's first visit shows it. */
	firstTree?: DeckTreeItem[] | null;
	/** A line shown on the first screen (config problems and the like). */
	notice?: string | null;
	/** Size when the terminal cannot tell (tests). */
	size?: {columns: number; rows: number};
	/** Called as each key press arrives (for latency measurements). */
	onKey?: () => void;
	/** Inline images in the reviewer (graphics terminal, images enabled); absent = placeholders only. */
	images?: InlineImages;
}

export function App(props: AppProps): React.JSX.Element {
	return (
		<KeyRouter onKey={props.onKey}>
			<Screens {...props} />
		</KeyRouter>
	);
}

function Screens({model, theme, bindings, startDeckId, firstTree, notice, size, images}: AppProps): React.JSX.Element {
	const {exit} = useApp();
	const terminal = useTerminalSize();
	const width = size?.columns ?? terminal.columns;
	// One row short of the terminal: a frame as tall as the screen makes ink clear and redraw the
	// whole terminal on every change (flicker), and its trailing newline would scroll the title away.
	const height = size?.rows ?? Math.max(3, terminal.rows - 1);
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	const [helpOpen, setHelpOpen] = useState(false);
	const [message, setMessage] = useState<string | null>(notice ?? null);
	const [selectedDeckId, setSelectedDeckId] = useState<number | undefined>(startDeckId);
	const handOff = useTerminalHandoff();
	const stack = useRef<{stack: ScreenStack<Route>; model: AppModel} | null>(null);
	if (stack.current === null) {
		const {routes, screenModel} = firstScreen(model, startDeckId, firstTree ?? null);
		stack.current = {
			model: screenModel,
			stack: new ScreenStack<Route>(routes, {
				changed: () => {
					setMessage(null);
					redraw();
				},
				quit: () => exit(),
			}),
		};
	}
	const top = stack.current.stack.top;
	const spec = screens[top.route.name];

	// Only the reviewer draws images; every other screen (and help over it) has none.
	if (helpOpen || top.route.name !== 'review') images?.show([]);

	if (helpOpen) {
		return <HelpOverlay bindings={bindings} scopes={spec.scopes} theme={theme} width={width} height={height} onClose={() => setHelpOpen(false)} />;
	}
	const Screen = spec.component as (props: ScreenProps) => React.JSX.Element;
	return (
		<Screen
			key={top.id}
			route={top.route}
			nav={stack.current.stack.navigator(top)}
			model={stack.current.model}
			theme={theme}
			bindings={bindings}
			width={width}
			height={height}
			active={!helpOpen}
			message={message}
			onHelp={() => setHelpOpen(true)}
			images={images}
			selectedDeckId={selectedDeckId}
			selectDeck={setSelectedDeckId}
			handOff={handOff}
		/>
	);
}

/**
 * The first screen: the deck's review with `--deck`, else the deck list, or the first-run screen
 * when the collection is empty. The tree loaded to decide serves the deck list's first visit, so
 * it is not loaded twice before the first frame.
 */
function firstScreen(model: AppModel, startDeckId: number | undefined, firstTree: DeckTreeItem[] | null): {routes: Route[]; screenModel: AppModel} {
	if (startDeckId !== undefined) {
		return {routes: [{name: 'review', deckId: startDeckId, handle: model.startReview(startDeckId)}], screenModel: model};
	}
	let loaded: DeckTreeItem[] | null = firstTree ?? model.deckTree();
	const routes: Route[] = [isEmpty(loaded) ? {name: 'firstRun'} : {name: 'decks'}];
	const screenModel: AppModel = Object.assign(Object.create(model) as AppModel, {
		deckTree: () => {
			const tree = loaded ?? model.deckTree();
			loaded = null;
			return tree;
		},
	});
	return {routes, screenModel};
}

function isEmpty(tree: DeckTreeItem[]): boolean {
	// A collection with only the empty Default deck counts as empty.
	return tree.every((item) => item.cards === 0 && item.children.length === 0);
}
