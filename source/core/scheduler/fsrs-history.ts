// A memory state rebuilt from a card's review history, for FSRS cards that have no `s`/`d` yet
// (rslib fsrs/memory_state.rs fsrs_item_for_memory_state, simplified): replay the graded answers
// from the last run of learning entries; a history without one is seeded from its first SM-2
// answer (ease and interval), as Anki does for truncated logs.
import type {RevlogEntry} from '../model.js';
import type {FsrsModel} from './fsrs.js';
import type {MemoryState} from './states/types.js';

const DAY = 86400;

function usable(entry: RevlogEntry): boolean {
	if (entry.ease < 1 || entry.ease > 4) return false;
	if (entry.type > 3) return false;
	return !(entry.type === 3 && entry.factor === 0); // cramming in a non-rescheduling filtered deck
}

function isReset(entry: RevlogEntry): boolean {
	return entry.type === 4 && entry.ease === 0 && entry.factor === 0;
}

/** `history` in any order; returns null when nothing usable is left. */
export function memoryFromHistory(
	model: FsrsModel,
	history: readonly RevlogEntry[],
	nextDayAt: number,
	historicalRetention: number,
): MemoryState | null {
	const sorted = [...history].sort((a, b) => a.id - b.id);
	let lastReset = -1;
	sorted.forEach((entry, i) => {
		if (isReset(entry)) lastReset = i;
	});
	const entries = sorted.slice(lastReset + 1).filter(usable);
	if (entries.length === 0) return null;
	let start = -1;
	for (let i = entries.length - 1; i >= 0; i--) {
		if (entries[i]!.type === 0 && (i === 0 || entries[i - 1]!.type !== 0)) {
			start = i;
			break;
		}
	}
	const daysAgo = (entry: RevlogEntry) => Math.floor((nextDayAt - Math.floor(entry.id / 1000)) / DAY);
	let memory: MemoryState | null;
	let from: number;
	if (start >= 0) {
		memory = null;
		from = start;
	} else {
		const first = entries.find(e => e.ivl >= 1) ?? entries[0]!;
		const ease = first.factor > 0 ? first.factor / 1000 : 2.5;
		memory = model.memoryFromSm2(ease, Math.max(first.ivl, 1), historicalRetention);
		from = entries.indexOf(first) + 1;
	}
	let previous: RevlogEntry | null = from > 0 ? entries[from - 1]! : null;
	for (const entry of entries.slice(from)) {
		const elapsed = previous ? Math.max(0, daysAgo(previous) - daysAgo(entry)) : 0;
		memory = model.step(memory, elapsed, entry.ease);
		previous = entry;
	}
	return memory;
}
