import {describe, expect, it} from 'vitest';
import {buildDeckTree, deckTreeToJson, flattenDeckTree} from '../../source/core/overview/deck-tree.js';
import type {Deck} from '../../source/core/model.js';
import {defaultDeck} from '../../source/core/collection/ddl-defaults.js';

function deck(id: number, name: string): Deck {
	return {...defaultDeck(), id, name, collapsed: false, browserCollapsed: false};
}

describe('buildDeckTree', () => {
	it('nests by ::, totals subtrees and sorts case-insensitively', () => {
		const tree = buildDeckTree({
			decks: [deck(1, 'Default'), deck(3, 'spanish::Verbs'), deck(2, 'spanish'), deck(4, 'Art'), deck(5, 'spanish::adjectives')],
			cardsPerDeck: new Map([
				[2, 5],
				[3, 7],
				[5, 1],
				[4, 2],
			]),
		});
		const json = deckTreeToJson(tree);
		expect(json.map((n) => n.name)).toEqual(['Art', 'spanish']);
		expect(json[1]!.cards).toBe(13);
		expect(json[1]!.children.map((n) => n.name)).toEqual(['spanish::adjectives', 'spanish::Verbs']);
		expect(flattenDeckTree(tree).map((n) => n.depth)).toEqual([0, 0, 1, 1]);
	});

	it('keeps Default when it is the only deck and makes up missing parents', () => {
		expect(buildDeckTree({decks: [deck(1, 'Default')], cardsPerDeck: new Map()}).map((n) => n.name)).toEqual(['Default']);
		const tree = buildDeckTree({decks: [deck(7, 'A::B::C')], cardsPerDeck: new Map([[7, 2]])});
		expect(tree[0]!.name).toBe('A');
		expect(tree[0]!.children[0]!.children[0]!.cards).toBe(2);
		expect(tree[0]!.cards).toBe(2);
	});
});
