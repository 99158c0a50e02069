import type Database from 'better-sqlite3';
import type {CollectionInfo, Deck, DeckConfig, Notetype} from '../model.js';

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
	/** A global config value (`col.conf` key or `config` table row), parsed from JSON. */
	getConfig(key: string): unknown;
	setConfig(key: string, value: unknown, nowSecs: number): void;
	/** Writes a deck back (today counters, limits, collapsed...); sets mtime and usn -1. */
	updateDeck(deck: Deck, nowSecs: number): void;
	addDeck(deck: Deck, nowSecs: number): void;
	addNotetype(notetype: Notetype, nowSecs: number): void;
	addDeckConfig(config: DeckConfig, nowSecs: number): void;
	/** Registers tags (usn -1) that are not known yet. */
	registerTags(tags: string[]): void;
	allTags(): string[];
}

export interface OpenOptions {
	/** Open without taking a write lock; never writes. */
	readOnly?: boolean;
}

export interface Collection {
	readonly path: string;
	readonly db: Database.Database;
	readonly adapter: SchemaAdapter;
	readonly readOnly: boolean;
	info(): CollectionInfo;
	/** Sets `col.mod` (ms). */
	touch(nowMs: number): void;
	/** Runs fn in one write transaction (BEGIN IMMEDIATE). */
	transaction<T>(fn: () => T): T;
	close(): void;
}
