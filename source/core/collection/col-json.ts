// The JSON columns of the `col` row (schema 11: conf, models, decks, dconf, tags; schema 14 still
// keeps models and decks there). Objects keyed by id; written back compactly, as rslib does.
import type Database from 'better-sqlite3';
import {parseObject, type Json} from './json-values.js';
import {cached} from './statements.js';

export type ColJsonColumn = 'conf' | 'models' | 'decks' | 'dconf' | 'tags';

export function readColJson(db: Database.Database, column: ColJsonColumn): Json {
	const row = cached(db, `SELECT ${column} AS value FROM col`).get() as {value: string | Uint8Array | null} | undefined;
	return parseObject(row?.value ?? null);
}

export function writeColJson(db: Database.Database, column: ColJsonColumn, value: Json): void {
	cached(db, `UPDATE col SET ${column} = ?`).run(JSON.stringify(value));
}

/** Anki's id allocation for new objects: the wanted id, or max + 1 when it is taken. */
export function allocateId(wanted: number, taken: (id: number) => boolean, maxId: () => number): number {
	return taken(wanted) ? maxId() + 1 : wanted;
}
