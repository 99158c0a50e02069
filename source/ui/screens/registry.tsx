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
import {Prompt, promptScopes} from './Prompt.js';
import {Confirm, confirmScopes} from './Confirm.js';
import {CustomStudy, customStudyScopes} from './CustomStudy.js';
import {FilteredDeck, filteredDeckScopes} from './FilteredDeck.js';

export type Route =
	| {name: 'decks'}
	| {name: 'firstRun'}
	| {name: 'overview'; deckId: number}
	| {name: 'review'; deckId: number; handle: ReviewHandle}
	| {name: 'summary'; deckId: number; deckName: string; summary: SessionSummary}
	| {name: 'browser'; controller: BrowserController; onLeave?: (changed: boolean) => void}
	| {name: 'deckOptions'; deckId: number}
	/** A deck with its subdecks (the key switches to the whole collection), or null for the collection. */
	| {name: 'stats'; deckId: number | null}
	| {name: 'customStudy'; deckId: number}
	| {name: 'filteredDeck'; deckId: number | null}
	/** A line of text; `submit` answers with an error to show, or null to close. */
	| {name: 'prompt'; title: string; label: string; initial: string; note?: string; submit: (text: string) => string | null}
	/** A yes/no question; `yes` answers with an error to show, or null to close. */
	| {name: 'confirm'; title: string; question: string; yes: () => string | null};

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

/** The message of an error a user caused (Anki's own text), for a screen to show. */
function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Runs a change; null when it worked, else what went wrong. */
function attempt(change: () => void): string | null {
	try {
		change();
		return null;
	} catch (error) {
		return messageOf(error);
	}
}

const READ_ONLY = 'This collection is open read-only: nothing can be changed.';

/** What a dialog starts from, or the message to show instead (read-only, or Anki's refusal). */
function loadOrMessage<T>(load: () => T | undefined): T | string {
	try {
		return load() ?? READ_ONLY;
	} catch (error) {
		return messageOf(error);
	}
}

function DecksScreen({model, nav, selectDeck, handOff, ...c}: ScreenProps<RouteOf<'decks'>>): React.JSX.Element {
	// Loaded on each visit: coming back from a review shows fresh counts.
	const [tree, setTree] = useState(() => model.deckTree());
	const [notice, setNotice] = useState<string | null>(null);
	const addNote = model.addNote;
	const study = model.study;
	const withStudy = (act: (s: NonNullable<typeof study>) => void) => (study ? act(study) : setNotice(READ_ONLY));
	return (
		<DeckBrowser
			{...c}
			message={notice ?? c.message}
			tree={tree}
			selectedId={c.selectedDeckId}
			onSelect={(deckId) => {
				setNotice(null);
				selectDeck(deckId);
			}}
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
			onCreate={() =>
				withStudy((s) =>
					nav.push({
						name: 'prompt',
						title: 'Create Deck',
						label: 'New deck name:',
						initial: '',
						note: 'Use :: for a subdeck, e.g. Languages::Spanish.',
						submit: (name) => attempt(() => selectDeck(s.createDeck(name))),
					}),
				)
			}
			onCreateFiltered={() => withStudy(() => nav.push({name: 'filteredDeck', deckId: null}))}
			onRename={(deckId, name) =>
				withStudy((s) =>
					nav.push({
						name: 'prompt',
						title: `Rename ${name}`,
						label: 'New deck name:',
						initial: name,
						note: 'A :: in the name moves the deck (its subdecks follow).',
						submit: (newName) => attempt(() => s.renameDeck(deckId, newName)),
					}),
				)
			}
			onDelete={(deckId) =>
				withStudy((s) => {
					let removal: ReturnType<typeof s.deckRemoval>;
					try {
						removal = s.deckRemoval(deckId);
					} catch (error) {
						return setNotice(messageOf(error));
					}
					const subdecks = removal.decks > 1 ? ` and its ${removal.decks - 1} subdeck${removal.decks > 2 ? 's' : ''}` : '';
					const cards = (n: number) => (n === 1 ? '1 card' : `${n} cards`);
					// A filtered deck's cards are not deleted: they go back to their home decks.
					const goHome = removal.returned === 1 ? 'Its 1 card goes back to its home deck.' : `Its ${removal.returned} cards go back to their home decks.`;
					const what = removal.filtered ? goHome : `It has ${cards(removal.cards)}.`;
					nav.push({
						name: 'confirm',
						title: 'Delete Deck',
						question: `Delete ${removal.name}${subdecks}? ${what} (u in the deck list undoes it.)`,
						yes: () => attempt(() => s.removeDeck(deckId)),
					});
				})
			}
			onUndo={() =>
				withStudy((s) => {
					const label = s.undo();
					setNotice(label ? `${label} undone.` : 'Nothing to undo.');
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
	const study = model.study;
	const change = (act: (s: NonNullable<typeof study>) => string) => {
		if (!study) return setNotice(READ_ONLY);
		try {
			setNotice(act(study));
		} catch (error) {
			setNotice(messageOf(error));
		}
		setOverview(model.overview(route.deckId));
	};
	const cards = (n: number) => (n === 1 ? '1 card' : `${n} cards`);
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
			onCustomStudy={() => {
				if (!study) return setNotice(READ_ONLY);
				if (overview.filtered) return setNotice('Custom study starts from a normal deck; this one is a filtered deck.');
				nav.push({name: 'customStudy', deckId: route.deckId});
			}}
			onOptions={() => {
				// A filtered deck has no preset: its options are its search and order (Anki's filtered-deck dialog).
				if (!overview.filtered) return nav.push({name: 'deckOptions', deckId: route.deckId});
				if (!study) return setNotice(READ_ONLY);
				nav.push({name: 'filteredDeck', deckId: route.deckId});
			}}
			onRebuild={() => overview.filtered && change((s) => `Rebuilt: ${cards(s.rebuildFilteredDeck(route.deckId))}.`)}
			onEmpty={() => overview.filtered && change((s) => `Emptied: ${cards(s.emptyFilteredDeck(route.deckId))} back in their decks.`)}
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
			onCustomStudy={
				model.study
					? () => {
							// The finished session gives way to the dialog, as Anki's congrats screen does.
							route.handle.close?.();
							nav.replace({name: 'customStudy', deckId: route.deckId});
						}
					: undefined
			}
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

function CustomStudyScreen({model, nav, route, ...c}: ScreenProps<RouteOf<'customStudy'>>): React.JSX.Element {
	const [view] = useState(() => loadOrMessage(() => model.study?.customStudyView(route.deckId)));
	if (typeof view === 'string') return <Confirm {...c} title="Custom Study" question={view} yes={() => null} onDone={nav.back} />;
	return (
		<CustomStudy
			{...c}
			view={view}
			owner={route}
			run={(request) => {
				let next = route.deckId;
				const problem = attempt(() => {
					next = model.study!.customStudy(route.deckId, request);
				});
				// The deck to study opens in this screen's place: the session deck, or this deck with its new limit.
				if (problem === null) nav.replace({name: 'overview', deckId: next});
				return problem;
			}}
			onCancel={nav.back}
		/>
	);
}

function FilteredDeckScreen({model, nav, route, selectDeck, ...c}: ScreenProps<RouteOf<'filteredDeck'>>): React.JSX.Element {
	const [form] = useState(() => loadOrMessage(() => model.study?.filteredDeckForm(route.deckId)));
	if (typeof form === 'string') return <Confirm {...c} title="Filtered Deck" question={form} yes={() => null} onDone={nav.back} />;
	return (
		<FilteredDeck
			{...c}
			form={form}
			owner={route}
			save={(filled) => {
				let id = 0;
				const problem = attempt(() => {
					id = model.study!.saveFilteredDeck(filled);
				});
				if (problem === null) {
					selectDeck(id);
					nav.replace({name: 'overview', deckId: id});
				}
				return problem;
			}}
			onCancel={nav.back}
		/>
	);
}

function PromptScreen({nav, route, ...c}: ScreenProps<RouteOf<'prompt'>>): React.JSX.Element {
	return <Prompt {...c} owner={route} title={route.title} label={route.label} initial={route.initial} note={route.note} submit={route.submit} onDone={nav.back} />;
}

function ConfirmScreen({nav, route, ...c}: ScreenProps<RouteOf<'confirm'>>): React.JSX.Element {
	return <Confirm {...c} title={route.title} question={route.question} yes={route.yes} onDone={nav.back} />;
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
	customStudy: {scopes: customStudyScopes, component: CustomStudyScreen},
	filteredDeck: {scopes: filteredDeckScopes, component: FilteredDeckScreen},
	prompt: {scopes: promptScopes, component: PromptScreen},
	confirm: {scopes: confirmScopes, component: ConfirmScreen},
};
