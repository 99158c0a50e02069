// A comparable picture of a schema-11 collection: the col scalars, its JSON parsed, and every row.
import Database from 'better-sqlite3';

export interface Snapshot {
	col: Record<string, number>;
	models: unknown;
	decks: unknown;
	dconf: unknown;
	tags: unknown;
	conf: unknown;
	notes: unknown[][];
	cards: unknown[][];
	revlog: unknown[][];
	graves: unknown[][];
}

export function snapshot(file: string): Snapshot {
	const db = new Database(file, {readonly: true, fileMustExist: true});
	try {
		const col = db.prepare('select crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags from col').get() as Record<string, unknown>;
		const rows = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
		return {
			col: {crt: col.crt, mod: col.mod, scm: col.scm, ver: col.ver, dty: col.dty, usn: col.usn, ls: col.ls} as Record<string, number>,
			models: JSON.parse(String(col.models)),
			decks: JSON.parse(String(col.decks)),
			dconf: JSON.parse(String(col.dconf)),
			tags: JSON.parse(String(col.tags)),
			conf: JSON.parse(String(col.conf)),
			notes: rows('select * from notes order by id'),
			cards: rows('select * from cards order by id'),
			revlog: rows('select * from revlog order by id'),
			graves: rows('select * from graves order by type, oid'),
		};
	} finally {
		db.close();
	}
}

/** Same snapshot without the time-dependent col fields (scm, ls, mod), which are set to "now". */
export function withoutTimes(s: Snapshot): Omit<Snapshot, 'col'> & {col: Record<string, number>} {
	const {scm: _scm, ls: _ls, mod: _mod, ...col} = s.col;
	return {...s, col};
}
