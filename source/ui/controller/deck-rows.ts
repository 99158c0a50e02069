// The deck browser's rows: the tree flattened depth-first, children of collapsed decks hidden.
import type {QueueCounts} from '../../core/scheduler/types.js';
import type {DeckTreeItem} from '../view-types.js';

export interface DeckRow {
	item: DeckTreeItem;
	depth: number;
	hasChildren: boolean;
	collapsed: boolean;
}

export function deckRows(tree: readonly DeckTreeItem[], collapsed: ReadonlySet<number>): DeckRow[] {
	const rows: DeckRow[] = [];
	const walk = (items: readonly DeckTreeItem[], depth: number) => {
		for (const item of items) {
			const isCollapsed = collapsed.has(item.id);
			rows.push({item, depth, hasChildren: item.children.length > 0, collapsed: isCollapsed});
			if (!isCollapsed) walk(item.children, depth + 1);
		}
	};
	walk(tree, 0);
	return rows;
}

/** Ids of decks stored as collapsed in the collection. */
export function initiallyCollapsed(tree: readonly DeckTreeItem[]): Set<number> {
	const ids = new Set<number>();
	const walk = (items: readonly DeckTreeItem[]) => {
		for (const item of items) {
			if (item.collapsed && item.children.length > 0) ids.add(item.id);
			walk(item.children);
		}
	};
	walk(tree);
	return ids;
}

/** Totals over the top-level decks (their counts already include subdecks, as in Anki). */
export function treeTotals(tree: readonly DeckTreeItem[]): QueueCounts {
	return tree.reduce(
		(sum, item) => ({new: sum.new + item.new, learn: sum.learn + item.learn, review: sum.review + item.review}),
		{new: 0, learn: 0, review: 0},
	);
}

export function findDeck(tree: readonly DeckTreeItem[], id: number): DeckTreeItem | undefined {
	for (const item of tree) {
		if (item.id === id) return item;
		const found = findDeck(item.children, id);
		if (found) return found;
	}
	return undefined;
}

/** Looks a deck up by full name, case-insensitively as Anki compares deck names. */
export function findDeckByName(tree: readonly DeckTreeItem[], name: string): DeckTreeItem | undefined {
	const wanted = name.toLowerCase();
	for (const item of tree) {
		if (item.name.toLowerCase() === wanted) return item;
		const found = findDeckByName(item.children, name);
		if (found) return found;
	}
	return undefined;
}
