// Plain-object fixtures for scheduler tests: Anki's default preset and card rows.
import type {Card, DeckConfig} from '../../source/core/model.js';
import {defaultDeckConfig} from '../../source/core/collection/ddl-defaults.js';

export function defaultConfig(overrides: Partial<DeckConfig> = {}): DeckConfig {
	// Anki's default preset, inserting new cards in random order as Anki's own scheduler tests do.
	return {...defaultDeckConfig(), newCardInsertOrder: 1, ...overrides};
}

export function newCard(overrides: Partial<Card> = {}): Card {
	return {
		id: 1700000000000,
		nid: 1700000000000,
		did: 1,
		ord: 0,
		mod: 0,
		usn: 0,
		type: 0,
		queue: 0,
		due: 5,
		ivl: 0,
		factor: 0,
		reps: 0,
		lapses: 0,
		left: 0,
		odue: 0,
		odid: 0,
		flags: 0,
		data: '',
		...overrides,
	};
}
