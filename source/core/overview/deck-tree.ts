// The deck tree as the deck browser and `decks` show it: full names split on `::`, children
// sorted case-insensitively as Anki sorts deck names, per-subtree card totals and due counts.
import type {DeckForList} from '../model.js';

export interface DueCounts {
	new: number;
	learn: number;
	review: number;
}

export interface DeckNode {
	id: number;
	/** Full name, `Parent::Child`. */
	name: string;
	/** Last component of the name. */
	shortName: string;
	depth: number;
	filtered: boolean;
	collapsed: boolean;
	/** Cards in this deck and all its subdecks; left out when not counted (the deck list shows none). */
	cards?: number;
	new: number;
	learn: number;
	review: number;
	children: DeckNode[];
}

export interface DeckTreeInput {
	decks: readonly DeckForList[];
	/**
	 * Cards whose `did` is the deck (not its subdecks). Absent: not counted, and `defaultDeckHasCards`
	 * says what hiding the empty Default deck needs.
	 */
	cardsPerDeck?: Map<number, number>;
	defaultDeckHasCards?: boolean;
	/** Due counts per deck, already limited and including subdecks as Anki's deck list shows them. */
	dueCounts?: Map<number, DueCounts>;
}

// Anki compares deck names with the unicase collation; comparing folded components matches it
// for names that differ only in case and sorts children right after their parent.
function compareNames(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

export function buildDeckTree(input: DeckTreeInput): DeckNode[] {
	const byName = new Map<string, DeckNode>();
	const roots: DeckNode[] = [];
	const sorted = [...input.decks].sort((a, b) => compareNames(a.name, b.name));

	const ensure = (fullName: string, deck?: DeckForList): DeckNode => {
		const existing = byName.get(fullName);
		if (existing) {
			if (deck) assign(existing, deck);
			return existing;
		}
		const parts = fullName.split('::');
		const node: DeckNode = {
			id: 0,
			name: fullName,
			shortName: parts.at(-1) ?? fullName,
			depth: parts.length - 1,
			filtered: false,
			collapsed: false,
			cards: 0,
			new: 0,
			learn: 0,
			review: 0,
			children: [],
		};
		if (deck) assign(node, deck);
		byName.set(fullName, node);
		// A deck whose parent is missing (possible in damaged files) gets its parent made up, as Anki does.
		if (parts.length > 1) ensure(parts.slice(0, -1).join('::')).children.push(node);
		else roots.push(node);
		return node;
	};

	const assign = (node: DeckNode, deck: DeckForList): void => {
		node.id = deck.id;
		node.filtered = deck.filtered !== undefined;
		node.collapsed = deck.collapsed;
	};

	for (const deck of sorted) ensure(deck.name, deck);

	const {cardsPerDeck} = input;
	const total = (node: DeckNode): number => {
		node.children.sort((a, b) => compareNames(a.shortName, b.shortName));
		const cards = (cardsPerDeck?.get(node.id) ?? 0) + node.children.reduce((sum, child) => sum + total(child), 0);
		if (cardsPerDeck) node.cards = cards;
		else delete node.cards;
		const due = input.dueCounts?.get(node.id);
		if (due) {
			node.new = due.new;
			node.learn = due.learn;
			node.review = due.review;
		}
		return cards;
	};
	for (const root of roots) total(root);
	roots.sort((a, b) => compareNames(a.shortName, b.shortName));

	// Anki hides the empty Default deck when other decks exist.
	const emptyDefault = (node: DeckNode) => (cardsPerDeck ? node.cards === 0 : input.defaultDeckHasCards === false);
	return roots.filter((node) => !(node.id === 1 && emptyDefault(node) && node.children.length === 0 && roots.length > 1));
}

/** Depth-first list of nodes, skipping the children of collapsed decks when asked to. */
export function flattenDeckTree(nodes: DeckNode[], respectCollapsed = false): DeckNode[] {
	const out: DeckNode[] = [];
	const walk = (list: DeckNode[]) => {
		for (const node of list) {
			out.push(node);
			if (!(respectCollapsed && node.collapsed)) walk(node.children);
		}
	};
	walk(nodes);
	return out;
}

/** The JSON shape of `decks --json`. */
export interface DeckJson {
	id: number;
	name: string;
	cards: number;
	new: number;
	learn: number;
	review: number;
	children: DeckJson[];
}

export function deckTreeToJson(nodes: DeckNode[]): DeckJson[] {
	return nodes.map((node) => ({
		id: node.id,
		name: node.name,
		cards: node.cards ?? 0,
		new: node.new,
		learn: node.learn,
		review: node.review,
		children: deckTreeToJson(node.children),
	}));
}
