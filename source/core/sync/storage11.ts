// Sync storage for schema 11: notetypes, decks, deck configs, tags and config are JSON in the
// `col` row; cards, notes, revlog and graves are plain tables. Behaviour follows Anki's client
// (usn -1 = pending, stamped with the server's usn once sent; remote rows win when newer).
import type Database from 'better-sqlite3';
import {returnFilteredDeckCardsHome} from '../collection/cards.js';
import {fieldCache} from './field-cache.js';
import {dueCounts} from './sanity-counts.js';
import {CHUNK_SIZE, type ColState, type SyncStorage} from './storage.js';
import type {CardRow, Chunk, Graves, LegacyObject, NoteRow, RevlogRow, SanityCounts, UnchunkedChanges} from './wire-types.js';

type JsonMap = Record<string, LegacyObject>;

const GRAVE_CARD = 0;
const GRAVE_NOTE = 1;
const GRAVE_DECK = 2;

export class Schema11Storage implements SyncStorage {
	constructor(protected readonly db: Database.Database) {}

	colState(): ColState {
		return this.db.prepare('select crt, mod, scm, usn, ls, ver from col').get() as ColState;
	}

	isEmpty(): boolean {
		return this.db.prepare('select 1 from cards limit 1').get() === undefined;
	}

	protected readJson<T>(column: 'models' | 'decks' | 'dconf' | 'tags' | 'conf'): T {
		const row = this.db.prepare(`select ${column} as value from col`).get() as {value: string};
		return JSON.parse(row.value || '{}') as T;
	}

	// Anki 25.x writes schema-11 JSON compactly (serde); 2.1.x Python wrote ", " separators. Both read back the same.
	protected writeJson(column: 'models' | 'decks' | 'dconf' | 'tags' | 'conf', value: unknown): void {
		this.db.prepare(`update col set ${column} = ?`).run(JSON.stringify(value));
	}

	basicCheck(): string | null {
		if (this.db.prepare('select 1 from cards where nid not in (select id from notes) limit 1').get()) {
			return 'some cards have no note';
		}
		const models = this.readJson<JsonMap>('models');
		const modelIds = Object.keys(models).map(Number);
		const notes = this.db
			.prepare(
				`select 1 from notes where id not in (select distinct nid from cards) or mid not in (${modelIds.join(',') || 'null'}) limit 1`,
			)
			.get();
		if (notes) return 'some notes have no cards or no notetype';
		for (const model of Object.values(models)) {
			if (model.type !== 0) continue; // cloze ords are free
			const ords = ((model.tmpls as Array<{ord: number}>) ?? []).map(t => t.ord);
			const bad = this.db
				.prepare(
					`select 1 from cards where ord not in (${ords.join(',') || 'null'}) and nid in (select id from notes where mid = ?) limit 1`,
				)
				.get(Number(model.id));
			if (bad) return `notetype "${String(model.name)}" has cards for missing templates`;
		}
		return null;
	}

	// --- graves ------------------------------------------------------------------------------

	takePendingGraves(maxUsn: number): Graves {
		const graves: Graves = {notes: [], cards: [], decks: []};
		const rows = this.db.prepare('select oid, type from graves where usn = -1').raw().all() as Array<[number, number]>;
		for (const [oid, type] of rows) {
			if (type === GRAVE_CARD) graves.cards.push(oid);
			else if (type === GRAVE_NOTE) graves.notes.push(oid);
			else graves.decks.push(oid);
		}
		this.db.prepare('update graves set usn = ? where usn = -1').run(maxUsn);
		return graves;
	}

	applyRemoteGraves(graves: Graves): void {
		// Anki removes these "as the server": graves get the collection usn, so they are not sent back.
		const usn = this.colState().usn;
		// (schema 18 keys graves by (oid, type); a repeated deletion just refreshes its usn)
		const logGrave = this.db.prepare('insert or replace into graves (usn, oid, type) values (?, ?, ?)');
		const deleteNote = this.db.prepare('delete from notes where id = ?');
		const deleteCard = this.db.prepare('delete from cards where id = ?');
		// Notes first, then cards without touching notes, then decks without children.
		for (const id of graves.notes) {
			logGrave.run(usn, id, GRAVE_NOTE);
			deleteNote.run(id);
		}
		for (const id of graves.cards) {
			logGrave.run(usn, id, GRAVE_CARD);
			deleteCard.run(id);
		}
		if (graves.decks.length > 0) this.removeDecks(graves.decks, usn);
	}

	protected removeDecks(ids: number[], usn: number): void {
		const decks = this.readJson<JsonMap>('decks');
		const conf = this.readJson<Record<string, unknown>>('conf');
		for (const id of ids) {
			if (String(id) === '1') continue; // Anki never deletes the default deck
			this.db.prepare('insert or replace into graves (usn, oid, type) values (?, ?, ?)').run(usn, id, GRAVE_DECK);
			const deck = decks[String(id)];
			if (!deck) continue;
			// A filtered deck returns its cards home rather than deleting them.
			if (deck.dyn) returnFilteredDeckCardsHome(this.db, id);
			delete decks[String(id)];
		}
		const active = Array.isArray(conf.activeDecks) ? (conf.activeDecks as number[]) : [];
		if (active.some(id => ids.includes(id)) || ids.includes(Number(conf.curDeck))) {
			const first = Number(Object.keys(decks)[0] ?? 1);
			conf.curDeck = first;
			conf.activeDecks = [first];
			this.writeJson('conf', conf);
		}
		this.writeJson('decks', decks);
	}

	// --- small objects -----------------------------------------------------------------------

	takeLocalChanges(maxUsn: number, lnewer: boolean): UnchunkedChanges {
		const stampPending = (column: 'models' | 'decks' | 'dconf'): LegacyObject[] => {
			const map = this.readJson<JsonMap>(column);
			const pending = Object.values(map).filter(obj => obj.usn === -1);
			for (const obj of pending) obj.usn = maxUsn;
			if (pending.length > 0) this.writeJson(column, map);
			return pending;
		};
		const models = stampPending('models');
		const decks = stampPending('decks');
		const dconf = stampPending('dconf');
		const tagMap = this.readJson<Record<string, number>>('tags');
		const tags = Object.keys(tagMap).filter(tag => tagMap[tag] === -1);
		for (const tag of tags) tagMap[tag] = maxUsn;
		if (tags.length > 0) this.writeJson('tags', tagMap);
		const changes: UnchunkedChanges = {models, decks: [decks, dconf], tags};
		if (lnewer) {
			changes.conf = this.readJson<Record<string, unknown>>('conf');
			changes.crt = this.colState().crt;
		}
		return changes;
	}

	mergeRemoteChanges(remote: UnchunkedChanges, maxUsn: number): void {
		const mergeNewer = (column: 'models' | 'decks' | 'dconf', incoming: LegacyObject[] | undefined) => {
			if (!incoming || incoming.length === 0) return;
			const map = this.readJson<JsonMap>(column);
			for (const obj of incoming) {
				const local = map[String(obj.id)];
				// Missing locally, or the server's is newer: take it as it is (its usn included).
				if (!local || Number(obj.mod) > Number(local.mod)) map[String(obj.id)] = obj;
			}
			this.writeJson(column, map);
		};
		mergeNewer('models', remote.models);
		mergeNewer('decks', remote.decks?.[0]);
		mergeNewer('dconf', remote.decks?.[1]);
		if (remote.tags && remote.tags.length > 0) {
			// Tags merge: unknown ones are registered with the server usn; known ones stay.
			const tagMap = this.readJson<Record<string, number>>('tags');
			let changed = false;
			for (const tag of remote.tags) {
				if (!(tag in tagMap)) {
					tagMap[tag] = maxUsn;
					changed = true;
				}
			}
			if (changed) this.writeJson('tags', tagMap);
		}
		if (remote.conf) this.writeJson('conf', remote.conf);
		if (typeof remote.crt === 'number') this.db.prepare('update col set crt = ?').run(remote.crt);
	}

	// --- chunks ------------------------------------------------------------------------------

	*chunks(maxUsn: number): Iterator<Chunk> {
		const tables = ['revlog', 'cards', 'notes'] as const;
		const queries = {
			revlog: `select id, cid, ${maxUsn}, ease, ivl, lastIvl, factor, time, type from revlog where usn = -1`,
			cards: `select id, nid, did, ord, mod, ${maxUsn}, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where usn = -1`,
			notes: `select id, guid, mid, mod, ${maxUsn}, tags, flds, '', '', flags, data from notes where usn = -1`,
		};
		let tableIndex = 0;
		let pending: unknown[][] | undefined;
		while (tableIndex < tables.length) {
			const chunk: Chunk = {done: false};
			let room = CHUNK_SIZE;
			while (tableIndex < tables.length && room > 0) {
				const table = tables[tableIndex];
				pending ??= this.db.prepare(queries[table]).raw().all() as unknown[][];
				const rows = pending.splice(0, room);
				(chunk as unknown as Record<string, unknown[][]>)[table] = rows;
				// Like Anki: a table is drained when it gave fewer rows than asked for.
				if (rows.length !== room) {
					// Sent, so these rows carry the server usn from now on.
					this.db.prepare(`update ${table} set usn = ? where usn = -1`).run(maxUsn);
					tableIndex++;
					pending = undefined;
				}
				room -= rows.length;
			}
			chunk.done = tableIndex >= tables.length;
			yield chunk;
		}
	}

	applyRemoteChunk(chunk: Chunk): void {
		if (chunk.revlog?.length) {
			const insert = this.db.prepare('insert or ignore into revlog values (?,?,?,?,?,?,?,?,?)');
			for (const row of chunk.revlog) insert.run(...(row as RevlogRow));
		}
		if (chunk.cards?.length) {
			const insert = this.db.prepare('insert or replace into cards values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
			for (const row of this.newerRows('cards', chunk.cards, 4)) insert.run(...(row as CardRow));
		}
		if (chunk.notes?.length) {
			const sortIndexOf = this.sortFieldIndexes();
			const insert = this.db.prepare('insert or replace into notes values (?,?,?,?,?,?,?,?,?,?,?)');
			for (const row of this.newerRows('notes', chunk.notes, 3)) {
				const note = [...row] as NoteRow;
				const sortIndex = sortIndexOf(Number(note[2]));
				const {sfld, csum} = fieldCache(String(note[6]).split('\x1f'), sortIndex);
				note[7] = sfld;
				note[8] = csum;
				insert.run(...note);
			}
		}
	}

	/** Sort field index per notetype id (for sfld). */
	protected sortFieldIndexes(): (mid: number) => number {
		const models = this.readJson<JsonMap>('models');
		return mid => Number(models[String(mid)]?.sortf ?? 0);
	}

	/** Rows to take: not pending locally, or pending but older than the remote (newer mod wins; ties stay local). */
	private newerRows<T extends unknown[]>(table: 'cards' | 'notes', rows: T[], modIndex: number): T[] {
		const localMod = this.db.prepare(`select mod from ${table} where id = ? and usn = -1`).pluck();
		return rows.filter(row => {
			const mod = localMod.get(row[0]) as number | undefined;
			return mod === undefined || mod < Number(row[modIndex]);
		});
	}

	// --- end ---------------------------------------------------------------------------------

	sanityCounts(nowMs: number): SanityCounts {
		const count = (table: string) => (this.db.prepare(`select count() from ${table}`).pluck().get() as number) ?? 0;
		const models = Object.keys(this.readJson<JsonMap>('models')).length;
		const decks = Object.keys(this.readJson<JsonMap>('decks')).length;
		const dconf = Object.keys(this.readJson<JsonMap>('dconf')).length;
		return [
			dueCounts(this.db, nowMs, {
				conf: this.readJson('conf'),
				decks: this.readJson('decks'),
				dconf: this.readJson('dconf'),
				crt: this.colState().crt,
			}),
			count('cards'),
			count('notes'),
			count('revlog'),
			count('graves'),
			models,
			decks,
			dconf,
		];
	}

	finishSync(serverMod: number, maxUsn: number): void {
		this.db.prepare('update col set ls = ?, mod = ?, usn = ?').run(serverMod, serverMod, maxUsn + 1);
	}

	markSchemaModified(nowMs: number): void {
		this.db.prepare('update col set scm = ?, mod = ?').run(nowMs, nowMs);
	}
}
