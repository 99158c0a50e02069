// What the sync engine needs from a local collection, row by row, in the legacy JSON the wire
// uses. One implementation per schema family (storage11.ts for schema 11).
import type {Chunk, Graves, SanityCounts, UnchunkedChanges} from './wire-types.js';

export interface ColState {
	crt: number;
	mod: number;
	scm: number;
	usn: number;
	ls: number;
	ver: number;
}

export interface SyncStorage {
	colState(): ColState;
	/** No cards: a full sync may download without asking. */
	isEmpty(): boolean;
	/** Anki's basicCheck before syncing; a reason, or null when fine. */
	basicCheck(): string | null;
	/** Pending graves (usn -1), stamped with maxUsn. */
	takePendingGraves(maxUsn: number): Graves;
	/** Deletes what the server deleted, logging graves with the collection usn (not pending). */
	applyRemoteGraves(graves: Graves): void;
	/** Pending notetypes/decks/configs/tags stamped with maxUsn; conf and crt when we are newer. */
	takeLocalChanges(maxUsn: number, lnewer: boolean): UnchunkedChanges;
	mergeRemoteChanges(remote: UnchunkedChanges, maxUsn: number): void;
	/** Yields the pending revlog, cards and notes in chunks, stamping each table once drained. */
	chunks(maxUsn: number): Iterator<Chunk>;
	applyRemoteChunk(chunk: Chunk): void;
	sanityCounts(nowMs: number): SanityCounts;
	finishSync(serverMod: number, maxUsn: number): void;
	/** Forces the next sync to be a full one, as Anki does after a failed sanity check. */
	markSchemaModified(nowMs: number): void;
}

/** At most this many rows or ids per chunk, as Anki's client sends. */
export const CHUNK_SIZE = 250;

export function chunkGraves(graves: Graves): Graves[] {
	const out: Graves[] = [];
	let current: Graves = {notes: [], cards: [], decks: []};
	let count = 0;
	const push = (key: keyof Graves, id: number) => {
		if (count === CHUNK_SIZE) {
			out.push(current);
			current = {notes: [], cards: [], decks: []};
			count = 0;
		}
		current[key].push(id);
		count++;
	};
	for (const id of graves.notes) push('notes', id);
	for (const id of graves.cards) push('cards', id);
	for (const id of graves.decks) push('decks', id);
	// Anki always sends at least one chunk, even an empty one.
	out.push(current);
	return out;
}
