// The deck list's tree skips counting every deck's cards (cardTotals: false): the same decks,
// order and due counts as the counted tree, the same Default-deck hiding and first-run emptiness.
import {copyFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {loadDeckTree} from '../../source/core/overview/load-deck-tree.js';
import type {DeckNode} from '../../source/core/overview/deck-tree.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const work = tempDir('anki-tui-deck-list-tree-');
afterAll(() => work.cleanup());
const now = new Date('2026-12-02T12:00:00Z');

function withoutCards(nodes: DeckNode[]): DeckNode[] {
	return nodes.map(({cards: _cards, ...node}) => ({...node, children: withoutCards(node.children)}));
}

function copy(fixture: string): string {
	const file = path.join(work.dir, `${Math.random().toString(36).slice(2)}-${fixture}`);
	copyFileSync(path.join(projectRoot, 'fixtures', fixture), file);
	return file;
}

describe('the deck list tree without card totals', () => {
	for (const fixture of ['schema11.anki2', 'schema18.anki2']) {
		it(`has the counted tree's decks, order and due counts, and no totals (${fixture})`, () => {
			const col = openCollection(copy(fixture), {readOnly: true});
			try {
				const counted = loadDeckTree(col, now);
				const uncounted = loadDeckTree(col, now, {cardTotals: false});
				expect(counted.length).toBeGreaterThan(0);
				expect(uncounted).toEqual(withoutCards(counted));
				expect(JSON.stringify(uncounted)).not.toContain('"cards"');
			} finally {
				col.close();
			}
		});
	}

	it('hides the Default deck exactly when the counted tree does: empty, then with a card', () => {
		const file = copy('schema11.anki2');
		const names = (nodes: DeckNode[]) => nodes.map((node) => node.name);
		const col = openCollection(file);
		try {
			const hasDefault = col.adapter.decks().some((deck) => deck.id === 1);
			expect(hasDefault).toBe(true);
			expect(names(loadDeckTree(col, now, {cardTotals: false}))).toEqual(names(loadDeckTree(col, now)));
			expect(names(loadDeckTree(col, now))).not.toContain('Default');
			col.transaction(() => col.db.prepare('UPDATE cards SET did = 1 WHERE id = (SELECT min(id) FROM cards)').run());
			expect(names(loadDeckTree(col, now))).toContain('Default');
			expect(names(loadDeckTree(col, now, {cardTotals: false}))).toEqual(names(loadDeckTree(col, now)));
		} finally {
			col.close();
		}
	});

	it('counts (all zero) in a collection without cards, so the first-run screen still sees it empty', () => {
		const col = openCollection(copy('schema11.anki2'));
		try {
			col.transaction(() => col.db.prepare('DELETE FROM cards').run());
			const tree = loadDeckTree(col, now, {cardTotals: false});
			expect(tree.every((node) => node.cards === 0)).toBe(true);
		} finally {
			col.close();
		}
	});
});
