// Prepared statements cached per connection and SQL text: the answer path runs the same few
// statements on every answer, and preparing them again each time showed up in its tail latency.
import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement cached per database and SQL text. */
export function cached(db: Database.Database, sql: string): Database.Statement {
	let perDb = statements.get(db);
	if (!perDb) {
		perDb = new Map();
		statements.set(db, perDb);
	}
	let statement = perDb.get(sql);
	if (!statement) {
		statement = db.prepare(sql);
		perDb.set(sql, statement);
	}
	return statement;
}
