// Asks a merge step (notetypes, decks) whether it would change the collection, by running the very
// same step against a view of the collection that stops at its first write. An import that would
// change nothing then skips its write transaction, and with it the backup and the mod bump (as Anki
// leaves `mod` alone when an operation changed nothing).
import type Database from 'better-sqlite3';
import type {SchemaAdapter} from '../collection/types.js';

/** The adapter's writes the merge steps call. */
const writes = new Set<string>(['addNotetype', 'updateNotetype', 'addDeckConfig', 'addDeck', 'updateDeck', 'setConfig', 'registerTags']);

class WouldWrite extends Error {}

/**
 * Runs `step` on a view of `adapter` whose writes throw before they run; returns the step's result,
 * or undefined when it would write. SQLite refuses any other write meanwhile (query_only), which
 * also counts as "would write".
 */
export function withoutWriting<T>(db: Database.Database, adapter: SchemaAdapter, step: (view: SchemaAdapter) => T): T | undefined {
	const view = new Proxy(adapter, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function') return value;
			if (typeof property === 'string' && writes.has(property)) {
				return () => {
					throw new WouldWrite();
				};
			}
			return (value as (...args: unknown[]) => unknown).bind(target);
		},
	});
	const wasQueryOnly = db.pragma('query_only', {simple: true}) === 1;
	db.pragma('query_only = ON');
	try {
		return step(view);
	} catch (error) {
		if (error instanceof WouldWrite || (error as {code?: string}).code === 'SQLITE_READONLY') return undefined;
		throw error;
	} finally {
		if (!wasQueryOnly) db.pragma('query_only = OFF');
	}
}
