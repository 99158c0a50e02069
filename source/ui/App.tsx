// The screen router: deck browser -> overview -> review -> summary, plus the help overlay.
// Screens get plain data and callbacks; the model (built by the review command) talks to the core.
import React, {useState} from 'react';
import {useApp} from 'ink';
import type {SessionSummary} from '../core/scheduler/types.js';
import type {Bindings, Scope} from './keys.js';
import type {Theme} from './theme.js';
import type {DeckOverviewView, DeckTreeItem} from './view-types.js';
import type {ReviewController} from './controller/review-controller.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {KeyRouter} from './hooks/key-router.js';
import {DeckBrowser} from './screens/DeckBrowser.js';
import {Overview} from './screens/Overview.js';
import {Review} from './screens/Review.js';
import {Summary} from './screens/Summary.js';
import {FirstRun} from './screens/FirstRun.js';
import {HelpOverlay} from './screens/HelpOverlay.js';
import type {InlineImages} from './graphics/inline-images.js';

export interface ReviewHandle {
	controller: ReviewController;
	summary(): SessionSummary;
	/** Releases whatever the session holds (timers, players). */
	close?(): void;
}

export interface AppModel {
	collectionPath: string;
	deckTree(): DeckTreeItem[];
	overview(deckId: number): DeckOverviewView;
	startReview(deckId: number): ReviewHandle;
	setCollapsed?(deckId: number, collapsed: boolean): void;
	now(): number;
}

type Screen =
	| {name: 'browser'}
	| {name: 'firstRun'}
	| {name: 'overview'; deckId: number; overview: DeckOverviewView}
	| {name: 'review'; deckId: number; handle: ReviewHandle}
	| {name: 'summary'; deckId: number; deckName: string; summary: SessionSummary};

export interface AppProps {
	model: AppModel;
	theme: Theme;
	bindings: Bindings;
	/** Start straight in a deck's review (`review --deck NAME`). */
	startDeckId?: number;
	/** A line shown on the first screen (config problems and the like). */
	notice?: string | null;
	/** Size when the terminal cannot tell (tests). */
	size?: {columns: number; rows: number};
	/** Called as each key press arrives (for latency measurements). */
	onKey?: () => void;
	/** Inline images in the reviewer (graphics terminal, images enabled); absent = placeholders only. */
	images?: InlineImages;
}

const scopesOf: Record<Screen['name'], Scope[]> = {
	browser: ['browser', 'app'],
	firstRun: ['app'],
	overview: ['overview', 'app'],
	review: ['review', 'scroll', 'app'],
	summary: ['app'],
};

export function App(props: AppProps): React.JSX.Element {
	return (
		<KeyRouter onKey={props.onKey}>
			<Screens {...props} />
		</KeyRouter>
	);
}

function Screens({model, theme, bindings, startDeckId, notice, size, images}: AppProps): React.JSX.Element {
	const {exit} = useApp();
	const terminal = useTerminalSize();
	const width = size?.columns ?? terminal.columns;
	// One row short of the terminal: a frame as tall as the screen makes ink clear and redraw the
	// whole terminal on every change (flicker), and its trailing newline would scroll the title away.
	const height = size?.rows ?? Math.max(3, terminal.rows - 1);
	const [tree, setTree] = useState(() => model.deckTree());
	const [selectedId, setSelectedId] = useState<number | undefined>(startDeckId);
	const [helpOpen, setHelpOpen] = useState(false);
	const [message, setMessage] = useState<string | null>(notice ?? null);
	const [screen, setScreen] = useState<Screen>(() => {
		if (startDeckId !== undefined) return {name: 'review', deckId: startDeckId, handle: model.startReview(startDeckId)};
		return isEmpty(tree) ? {name: 'firstRun'} : {name: 'browser'};
	});

	const go = (next: Screen) => {
		setMessage(null);
		setScreen(next);
	};
	const toBrowser = () => {
		const fresh = model.deckTree();
		setTree(fresh);
		go(isEmpty(fresh) ? {name: 'firstRun'} : {name: 'browser'});
	};
	const leaveReview = (deckId: number, handle: ReviewHandle) => {
		const summary = handle.summary();
		handle.close?.();
		go({name: 'summary', deckId, deckName: model.overview(deckId).name, summary});
	};
	const startReview = (deckId: number) => {
		setSelectedId(deckId);
		go({name: 'review', deckId, handle: model.startReview(deckId)});
	};

	const common = {theme, bindings, width, height, active: !helpOpen, onHelp: () => setHelpOpen(true)};

	// Only the reviewer draws images; every other screen (and help over it) has none.
	if (helpOpen || screen.name !== 'review') images?.show([]);

	if (helpOpen) {
		return <HelpOverlay bindings={bindings} scopes={scopesOf[screen.name]} theme={theme} width={width} height={height} onClose={() => setHelpOpen(false)} />;
	}

	switch (screen.name) {
		case 'firstRun':
			return <FirstRun {...common} collectionPath={model.collectionPath} onBack={() => exit()} />;
		case 'browser':
			return (
				<DeckBrowser
					{...common}
					tree={tree}
					selectedId={selectedId}
					message={message}
					onSelect={setSelectedId}
					onStudy={startReview}
					onOverview={(deckId) => {
						setSelectedId(deckId);
						// Counts are computed once per visit, not on every render.
						go({name: 'overview', deckId, overview: model.overview(deckId)});
					}}
					onCollapse={model.setCollapsed}
					onBack={() => exit()}
				/>
			);
		case 'overview':
			return <Overview {...common} overview={screen.overview} message={message} onStudy={() => startReview(screen.deckId)} onBack={toBrowser} />;
		case 'review':
			return <Review {...common} images={images} controller={screen.handle.controller} now={model.now} onLeave={() => leaveReview(screen.deckId, screen.handle)} />;
		case 'summary':
			return (
				<Summary
					{...common}
					summary={screen.summary}
					deckName={screen.deckName}
					onDone={() => {
						setTree(model.deckTree());
						go({name: 'overview', deckId: screen.deckId, overview: model.overview(screen.deckId)});
					}}
				/>
			);
	}
}

function isEmpty(tree: DeckTreeItem[]): boolean {
	// A collection with only the empty Default deck counts as empty.
	return tree.every((item) => item.cards === 0 && item.children.length === 0);
}
