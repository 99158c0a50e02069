import type Database from 'better-sqlite3';
import type {CollectionInfo, Deck, DeckConfig, DeckConfigName, DeckForList, DeckOutline, Notetype, NotetypeOutline, PresetLimits} from '../model.js';

/**
 * Everything that differs between schema 11 (JSON in `col`) and schemas 14-18 (tables with
 * protobuf blobs) lives behind this interface; cards, notes and revlog are the same in every
 * schema and are read and written by shared modules (cards.ts, notes.ts, revlog.ts).
 */
export interface SchemaAdapter {
	readonly schemaVersion: number;
	notetypes(): Notetype[];
	decks(): Deck[];
	deckConfigs(): DeckConfig[];
	/** What a search reads of the note types (notetypes() carries more; schema 18 decodes only these fields). */
	notetypeOutlines(): NotetypeOutline[];
	/** What a search reads of the decks. */
	deckOutlines(): DeckOutline[];
	/** The presets' ids and names. */
	deckConfigNames(): DeckConfigName[];
	/** What the deck list counts and shows of the decks (decks() carries more; schema 18 decodes only these fields). */
	deckListDecks(): DeckForList[];
	/** The presets' daily limits, for the deck list's counts. */
	deckListPresets(): PresetLimits[];
	/** A global config value (`col.conf` key or `config` table row), parsed from JSON. */
	getConfig(key: string): unknown;
	setConfig(key: string, value: unknown, nowSecs: number): void;
	/** Writes a deck back (today counters, limits, collapsed...); sets mtime and usn -1. */
	updateDeck(deck: Deck, nowSecs: number): void;
	/** Adds a deck (id 0 = allocate); returns the id used (max + 1 when the wanted id is taken, as Anki does). */
	addDeck(deck: Deck, nowSecs: number): number;
	/** Adds a notetype with its fields and templates; returns the id used. */
	addNotetype(notetype: Notetype, nowSecs: number): number;
	/** Adds deck options; returns the id used. */
	addDeckConfig(config: DeckConfig, nowSecs: number): number;
	/**
	 * Writes a preset back (mtime now, usn -1). What the file holds beyond the model survives: schema-11
	 * JSON keys, the protobuf's `other` keys and fields this version of Anki's schema does not know.
	 */
	updateDeckConfig(config: DeckConfig, nowSecs: number): void;
	/** Deletes a preset's row (decks pointing at it and the schema change are the caller's). */
	removeDeckConfig(id: number): void;
	/** Registers tags (usn -1) that are not known yet. */
	registerTags(tags: string[]): void;
	allTags(): string[];
	/** The registry's spelling of a tag, compared case-insensitively (unicase), or undefined. */
	findTag(name: string): string | undefined;
	/** Adds one tag to the registry as given: usn -1, collapsed as Anki registers new tags. */
	addTag(name: string): void;
	/** Records a deletion for the next sync: type 0 card, 1 note, 2 deck; usn -1. */
	addGrave(oid: number, type: GraveType): void;
	/** Deletes a deck's row (its cards, graves and config are the caller's). */
	removeDeck(id: number): void;
	/** Deletes every global config entry whose key starts with `prefix` (Anki's remove_config_prefix). */
	removeConfigPrefix(prefix: string): void;
}

export type GraveType = 0 | 1 | 2;

export interface OpenOptions {
	/** Open without taking a write lock; never writes. */
	readOnly?: boolean;
	/**
	 * The file is our own temp copy (e.g. extracted from a package) that Anki will never open. If the
	 * unicase extension is not built, its schema may then be rewritten to NOCASE instead of failing.
	 * Its writes take no backup.
	 */
	privateCopy?: boolean;
}

export interface UndoRunOptions {
	/** Clock for col.mod (ms); default now. */
	nowMs?: number;
	/** Who ran the operation, handed back by undo() (a review session knows its own steps). */
	owner?: object;
	/** Anything the owner needs after undoing (the card to show again...). */
	data?: unknown;
}

export interface UndoneOperation {
	label: string;
	owner?: object;
	data?: unknown;
}

/**
 * Anki's single undo queue (search-and-notes.md §4): an operation is one transaction and one step;
 * undo writes back every row it changed exactly as it was (mod and usn included) and `col.mod`.
 * A plain `transaction()` outside an operation clears the queue, as Anki's non-undoable writes do.
 */
export interface UndoQueue {
	/** Runs fn as one undoable operation (one write transaction; sets col.mod when it changed something). */
	run<T>(label: string, fn: () => T, options?: UndoRunOptions): T;
	/** The label of the operation undo() would revert ("Update Note"), or null. */
	peek(): string | null;
	/** Reverts the latest operation in one transaction; null when there is nothing to undo. */
	undo(): UndoneOperation | null;
	clear(): void;
	/** True while an operation runs (its writes belong to its step). */
	readonly recording: boolean;
}

export interface Collection {
	readonly path: string;
	readonly db: Database.Database;
	readonly adapter: SchemaAdapter;
	readonly readOnly: boolean;
	/** Undo of whole operations (edits, adds, answers...), newest first. */
	readonly undo: UndoQueue;
	info(): CollectionInfo;
	/** Sets `col.mod` (ms). */
	touch(nowMs: number): void;
	/**
	 * Runs fn allowed to create and fill TEMP tables (kept in memory), even on a read-only open
	 * (query_only is lifted for its duration); the collection file itself is never written by it.
	 */
	scratch<T>(fn: () => T): T;
	/**
	 * Runs fn in one write transaction (BEGIN IMMEDIATE). The first write of a writable open (this,
	 * transactionAsync or touch) backs the collection up first, unless it is a private copy.
	 * Not undoable, so it clears the undo queue (an operation's own writes go through `undo.run`).
	 */
	transaction<T>(fn: () => T): T;
	/**
	 * One write transaction that spans awaits (sync's exchange with the server): committed when fn
	 * resolves, rolled back when it throws. Nothing else may write on the connection meanwhile.
	 */
	transactionAsync<T>(fn: () => Promise<T>): Promise<T>;
	/** The backup this open took before its first write (undefined: none yet, or none needed). */
	readonly backupPath: string | undefined;
	/**
	 * Work deferred off the answer path (the WAL checkpoint), run now. It also runs by itself shortly
	 * after a write, when the event loop is idle.
	 */
	idle(): void;
	close(): void;
}
