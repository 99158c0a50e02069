// Every screen of the app: its route (what opening it takes), the key scopes it activates (the help
// overlay lists their keys) and the component that draws it. Adding a screen: a component file in
// this folder taking ScreenProps, a member of `Route`, an entry in `screens`, and its scope and
// commands in keys.ts. App.tsx needs no change.
import React, {useState} from 'react';
import type {SessionSummary} from '../../core/scheduler/types.js';
import type {AppModel, NoteEditResult, ReviewHandle} from '../app-model.js';
import type {Bindings, Scope} from '../keys.js';
import type {Navigator} from '../navigation.js';
import type {Theme} from '../theme.js';
import type {InlineImages} from '../graphics/inline-images.js';
import {BrowserController, type EditorActions} from '../controller/browser-controller.js';
import {Browser, browserHelpScopes} from './Browser.js';
import type {TerminalHandoff} from '../hooks/use-terminal-handoff.js';
import {DeckBrowser, deckBrowserScopes} from './DeckBrowser.js';
import {FirstRun, firstRunScopes} from './FirstRun.js';
import {Overview, overviewScopes} from './Overview.js';
import {Review, reviewScopes} from './Review.js';
import {Stats, statsScopes} from './Stats.js';
import {Summary, summaryScopes} from './Summary.js';
import {DeckOptions, DeckOptionsUnavailable, deckOptionsScopes} from './DeckOptions.js';
import type {OptionsDraft} from '../options-model.js';

export type Route =
	| {name: 'decks'}
	| {name: 'firstRun'}
	| {name: 'overview'; deckId: number}
	| {name: 'review'; deckId: number; handle: ReviewHandle}
	| {name: 'summary'; deckId: number; deckName: string; summary: SessionSummary}
	| {name: 'browser'; controller: BrowserController; onLeave?: (changed: boolean) => void}
	| {name: 'deckOptions'; deckId: number}
	/** A deck with its subdecks (the key switches to the whole collection), or null for the collection. */
	| {name: 'stats'; deckId: number | null};

export type ScreenName = Route['name'];
export type RouteOf<N extends ScreenName> = Extract<Route, {name: N}>;

/** What every screen gets from the app. */
export interface ScreenContext {
	model: AppModel;
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	/** False while the help overlay covers the screen. */
	active: boolean;
	/** A one-line notice (config problems) shown on the first screen until the first move. */
	message: string | null;
	onHelp: () => void;
	/** Inline images (graphics terminal, images on); absent = placeholders only. */
	images?: InlineImages;
	/** The deck last chosen, kept while moving between screens. */
	selectedDeckId?: number;
	selectDeck: (deckId: number) => void;
	/** Hands the terminal to another program (the user's editor) while `run` runs. */
	handOff: TerminalHandoff;
}

export interface ScreenProps<R extends Route = Route> extends ScreenContext {
	route: R;
	nav: Navigator<Route>;
}

export interface ScreenSpec<R extends Route> {
	/** Scopes of the key table this screen uses, first wins (the help overlay lists them). */
	scopes: readonly Scope[];
	component: (props: ScreenProps<R>) => React.JSX.Element;
}

/**
 * The browser's route. From a deck's overview or review it searches that deck (Anki's default
 * `deck:current` means the deck being studied there); from the deck list, the collection's default.
 */
function browserRoute(
	model: AppModel,
	handOff: TerminalHandoff,
	options: {deckName?: string; cardId?: number | null; onLeave?: (changed: boolean) => void} = {},
): Route | null {
	if (!model.browser) return null;
	const query = options.deckName === undefined ? undefined : `"deck:${options.deckName.replace(/[\\"*_]/g, (c) => `\\${c}`)}"`;
	const {editNote, addNote} = model;
	const editor: EditorActions = {
		...(editNote ? {edit: (cardId: number) => noteOutcome(() => editNote(cardId, handOff))} : {}),
		...(addNote ? {add: () => noteOutcome(() => addNote({}, handOff))} : {}),
	};
	const controller = new BrowserController({model: model.browser(), query, cardId: options.cardId ?? undefined, editor});
	return {name: 'browser', controller, onLeave: options.onLeave};
}

function DecksScreen({model, nav, selectDeck, handOff, ...c}: ScreenProps<RouteOf<'decks'>>): React.JSX.Element {
	// Loaded on each visit: coming back from a review shows fresh counts.
	const [tree, setTree] = useState(() => model.deckTree());
	const [notice, setNotice] = useState<string | null>(null);
	const addNote = model.addNote;
	return (
		<DeckBrowser
			{...c}
			message={notice ?? c.message}
			tree={tree}
			selectedId={c.selectedDeckId}
			onSelect={selectDeck}
			onStudy={(deckId) => {
				selectDeck(deckId);
				// Leaving the review goes to the deck's overview, then back here, as in Anki.
				nav.push({name: 'overview', deckId}, {name: 'review', deckId, handle: model.startReview(deckId)});
			}}
			onOverview={(deckId) => {
				selectDeck(deckId);
				nav.push({name: 'overview', deckId});
			}}
			onOptions={(deckId) => {
				selectDeck(deckId);
				nav.push({name: 'deckOptions', deckId});
			}}
			onStats={
				model.stats
					? (deckId) => {
							selectDeck(deckId);
							nav.push({name: 'stats', deckId});
						}
					: undefined
			}
			onCollapse={model.setCollapsed}
			onBrowse={() => {
				const route = browserRoute(model, handOff);
				if (route) nav.push(route);
			}}
			onAdd={
				addNote &&
				((deckId) => {
					setNotice(noteMessage(() => addNote({deckId}, handOff)));
					setTree(model.deckTree());
				})
			}
			onBack={nav.back}
		/>
	);
}

function FirstRunScreen({model, nav, ...c}: ScreenProps<RouteOf<'firstRun'>>): React.JSX.Element {
	const [profiles] = useState(() => model.ankiProfiles?.() ?? []);
	return <FirstRun {...c} collectionPath={model.collectionPath} profiles={profiles} onBack={nav.back} />;
}

function OverviewScreen({model, nav, route, handOff, ...c}: ScreenProps<RouteOf<'overview'>>): React.JSX.Element {
	// Counts are computed once per visit, not on every render.
	const [overview, setOverview] = useState(() => model.overview(route.deckId));
	const [notice, setNotice] = useState<string | null>(null);
	const addNote = model.addNote;
	return (
		<Overview
			{...c}
			message={notice ?? c.message}
			overview={overview}
			onAdd={
				addNote &&
				(() => {
					setNotice(noteMessage(() => addNote({deckId: route.deckId}, handOff)));
					setOverview(model.overview(route.deckId));
				})
			}
			onStudy={() => nav.push({name: 'review', deckId: route.deckId, handle: model.startReview(route.deckId)})}
			onBrowse={() => {
				const browser = browserRoute(model, handOff, {deckName: overview.name});
				if (browser) nav.push(browser);
			}}
			onOptions={() => nav.push({name: 'deckOptions', deckId: route.deckId})}
			onStats={model.stats ? () => nav.push({name: 'stats', deckId: route.deckId}) : undefined}
			onBack={nav.back}
		/>
	);
}

function ReviewScreen({model, nav, route, handOff, ...c}: ScreenProps<RouteOf<'review'>>): React.JSX.Element {
	return (
		<Review
			{...c}
			controller={route.handle.controller}
			handOff={handOff}
			now={model.now}
			onBrowse={(cardId) => {
				const browser = browserRoute(model, handOff, {
					deckName: model.overview(route.deckId).name,
					cardId,
					// What the browser changed (suspended, moved, edited...) shows when studying goes on.
					onLeave: (changed) => {
						if (changed) route.handle.controller.collectionChanged();
					},
				});
				if (browser) nav.push(browser);
			}}
			onLeave={() => {
				const summary = route.handle.summary();
				route.handle.close?.();
				nav.replace({name: 'summary', deckId: route.deckId, deckName: model.overview(route.deckId).name, summary});
			}}
			onStats={model.stats ? () => nav.push({name: 'stats', deckId: route.deckId}) : undefined}
		/>
	);
}

function SummaryScreen({model, nav, route, ...c}: ScreenProps<RouteOf<'summary'>>): React.JSX.Element {
	return (
		<Summary
			{...c}
			summary={route.summary}
			deckName={route.deckName}
			doneLabel={nav.isRoot ? 'quit' : 'continue'}
			onDone={nav.back}
			onStats={model.stats ? () => nav.push({name: 'stats', deckId: route.deckId}) : undefined}
		/>
	);
}

function StatsScreen({model, nav, route, ...c}: ScreenProps<RouteOf<'stats'>>): React.JSX.Element {
	return <Stats {...c} deckId={route.deckId} load={model.stats!} onBack={nav.back} />;
}

function BrowserScreen({model, nav, route, ...c}: ScreenProps<RouteOf<'browser'>>): React.JSX.Element {
	return (
		<Browser
			{...c}
			controller={route.controller}
			onBack={() => {
				route.onLeave?.(route.controller.changed);
				nav.back();
			}}
		/>
	);
}

/** An edit's or add's outcome; a failure (no editor, a locked file) as its one-line message. */
function noteOutcome(run: () => NoteEditResult): NoteEditResult {
	try {
		return run();
	} catch (error) {
		return {changed: false, message: `Error: ${error instanceof Error ? error.message : String(error)}`};
	}
}

const noteMessage = (run: () => NoteEditResult): string => noteOutcome(run).message;

function DeckOptionsScreen({model, nav, route, handOff: _handOff, ...c}: ScreenProps<RouteOf<'deckOptions'>>): React.JSX.Element {
	const [loaded] = useState((): {draft: OptionsDraft} | {error: string} => {
		if (!model.deckOptions) return {error: 'Deck options are not available here.'};
		try {
			return {draft: model.deckOptions.load(route.deckId)};
		} catch (error) {
			// A filtered deck has no preset: say so (its searches are another screen).
			return {error: error instanceof Error ? error.message : String(error)};
		}
	});
	if ('error' in loaded || !model.deckOptions) {
		return <DeckOptionsUnavailable {...c} text={'error' in loaded ? loaded.error : ''} onBack={nav.back} />;
	}
	return <DeckOptions {...c} options={model.deckOptions} draft={loaded.draft} onSaved={nav.back} onBack={nav.back} />;
}

export const screens: {[N in ScreenName]: ScreenSpec<RouteOf<N>>} = {
	browser: {scopes: browserHelpScopes, component: BrowserScreen},
	decks: {scopes: deckBrowserScopes, component: DecksScreen},
	firstRun: {scopes: firstRunScopes, component: FirstRunScreen},
	overview: {scopes: overviewScopes, component: OverviewScreen},
	review: {scopes: reviewScopes, component: ReviewScreen},
	summary: {scopes: summaryScopes, component: SummaryScreen},
	deckOptions: {scopes: deckOptionsScopes, component: DeckOptionsScreen},
	stats: {scopes: statsScopes, component: StatsScreen},
};
