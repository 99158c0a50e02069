// A schema-11 copy of a schema 15-18 collection, for servers that only take schema 11 (the
// legacy protocol: ankisyncd, and the official server for v8-v10 clients). Anki 2.1.28-2.1.56
// did the same before a legacy full upload ("close with downgrade").
import type Database from 'better-sqlite3';
import {deckConfigToJson, deckToJson, notetypeToJson} from '../collection/convert11.js';
import {createCollection} from '../collection/create.js';
import type {SchemaAdapter} from '../collection/types.js';

export function writeSchema11Copy(source: Database.Database, adapter: SchemaAdapter, target: string, nowMs: number): void {
	createCollection(target, {schema: 11, journalMode: 'delete', now: nowMs});
	const byId = <T extends {id: number}>(items: T[], toJson: (item: T) => unknown) =>
		JSON.stringify(Object.fromEntries(items.map(item => [String(item.id), toJson(item)])));
	const models = byId(adapter.notetypes(), notetypeToJson);
	const decks = byId(adapter.decks(), deck => deckToJson(deck));
	const dconf = byId(adapter.deckConfigs(), config => deckConfigToJson(config));
	const tags = JSON.stringify(
		Object.fromEntries((source.prepare('select tag, usn from tags').raw().all() as Array<[string, number]>).map(([tag, usn]) => [tag, usn])),
	);
	const conf: Record<string, unknown> = {};
	for (const row of source.prepare('select KEY as key, val from config').all() as Array<{key: string; val: Uint8Array | string}>) {
		try {
			conf[row.key] = JSON.parse(typeof row.val === 'string' ? row.val : Buffer.from(row.val).toString('utf8'));
		} catch {
			// skip values that are not JSON
		}
	}
	source.prepare('attach database ? as dst').run(target);
	try {
		source.transaction(() => {
			for (const table of ['notes', 'cards', 'revlog', 'graves']) source.exec(`delete from dst.${table}`);
			source.exec('insert into dst.notes select id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data from main.notes');
			source.exec(
				'insert into dst.cards select id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from main.cards',
			);
			source.exec('insert into dst.revlog select id, cid, usn, ease, ivl, lastIvl, factor, time, type from main.revlog');
			source.exec('insert into dst.graves (usn, oid, type) select usn, oid, type from main.graves');
			const col = source.prepare('select crt, mod, scm, usn, ls from main.col').get() as Record<string, number>;
			source
				.prepare('update dst.col set crt = ?, mod = ?, scm = ?, usn = ?, ls = ?, dty = 0, conf = ?, models = ?, decks = ?, dconf = ?, tags = ?')
				.run(col.crt, col.mod, col.scm, col.usn, col.ls, JSON.stringify(conf), models, decks, dconf, tags);
		})();
	} finally {
		source.exec('detach database dst');
	}
}
