// Sync storage for schemas 15-18: notetypes, decks, deck configs, tags and config live in their
// own tables (protobuf blobs). On the wire they travel as schema-11 JSON, as every Anki client
// converts them (rslib does the same for v11), so this class converts through the domain model
// of collection/ in both directions. Cards, notes, revlog and graves are shared with schema 11.
import type Database from 'better-sqlite3';
import {returnFilteredDeckCardsHome} from '../collection/cards.js';
import type {SchemaAdapter} from '../collection/types.js';
import {deckConfigFromJson, deckConfigToJson, deckFromJson, deckToJson, notetypeFromJson, notetypeToJson} from '../collection/convert11.js';
import {
	applyDeckToBlobs,
	deckConfigToBlobMessage,
	deckNameToNative,
	fieldConfigFromDomain,
	notetypeConfigFromDomain,
	templateConfigFromDomain,
} from '../collection/convert18.js';
import {
	decodeDeckCommon,
	decodeDeckKind,
	encodeDeckCommon,
	encodeDeckConfigConfig,
	encodeDeckKind,
	encodeFieldConfig,
	encodeNotetypeConfig,
	encodeTemplateConfig,
	newDeckCommon,
	newDeckKind,
} from '../proto/index.js';
import {dueCounts} from './sanity-counts.js';
import {Schema11Storage} from './storage11.js';
import type {LegacyObject, SanityCounts, UnchunkedChanges} from './wire-types.js';

type Json = Record<string, unknown>;

export class Schema18Storage extends Schema11Storage {
	constructor(
		db: Database.Database,
		private readonly adapter: SchemaAdapter,
		private readonly ver: number,
	) {
		super(db);
	}

	private configObject(): Json {
		const rows = this.db.prepare('select KEY as key, val from config').all() as Array<{key: string; val: Uint8Array | string}>;
		const out: Json = {};
		for (const row of rows) {
			try {
				out[row.key] = JSON.parse(typeof row.val === 'string' ? row.val : Buffer.from(row.val).toString('utf8'));
			} catch {
				// not JSON: Anki would not send it either
			}
		}
		return out;
	}

	override basicCheck(): string | null {
		if (this.db.prepare('select 1 from cards where nid not in (select id from notes) limit 1').get()) return 'some cards have no note';
		const orphan = this.db
			.prepare('select 1 from notes where id not in (select distinct nid from cards) or mid not in (select id from notetypes) limit 1')
			.get();
		if (orphan) return 'some notes have no cards or no notetype';
		for (const notetype of this.adapter.notetypes()) {
			if (notetype.kind === 'cloze') continue;
			const bad = this.db
				.prepare(
					'select 1 from cards where nid in (select id from notes where mid = ?) and ord not in (select ord from templates where ntid = ?) limit 1',
				)
				.get(notetype.id, notetype.id);
			if (bad) return `notetype "${notetype.name}" has cards for missing templates`;
		}
		return null;
	}

	protected override removeDecks(ids: number[], usn: number): void {
		for (const id of ids) {
			if (id === 1) continue; // Anki never deletes the default deck
			this.db.prepare('insert or replace into graves (usn, oid, type) values (?, ?, 2)').run(usn, id);
			// A filtered deck returns its cards home rather than deleting them.
			returnFilteredDeckCardsHome(this.db, id);
			this.db.prepare('delete from decks where id = ?').run(id);
		}
		const current = this.configObject().curDeck;
		if (ids.includes(Number(current))) this.setConfigValue('curDeck', 1, usn);
	}

	private setConfigValue(key: string, value: unknown, usn: number): void {
		this.db
			.prepare('insert or replace into config (KEY, usn, mtime_secs, val) values (?, ?, ?, ?)')
			.run(key, usn, Math.floor(Date.now() / 1000), Buffer.from(JSON.stringify(value)));
	}

	override takeLocalChanges(maxUsn: number, lnewer: boolean): UnchunkedChanges {
		const models = this.adapter
			.notetypes()
			.filter(n => n.usn === -1)
			.map(n => notetypeToJson({...n, usn: maxUsn}) as LegacyObject);
		const decks = this.adapter
			.decks()
			.filter(d => d.usn === -1)
			.map(d => deckToJson({...d, usn: maxUsn}) as LegacyObject);
		const dconf = this.adapter
			.deckConfigs()
			.filter(c => c.usn === -1)
			.map(c => deckConfigToJson({...c, usn: maxUsn}) as LegacyObject);
		const tags = this.db.prepare('select tag from tags where usn = -1').pluck().all() as string[];
		for (const table of ['notetypes', 'templates', 'decks', 'deck_config', 'tags', 'config']) {
			this.db.prepare(`update ${table} set usn = ? where usn = -1`).run(maxUsn);
		}
		const changes: UnchunkedChanges = {models, decks: [decks, dconf], tags};
		if (lnewer) {
			changes.conf = this.configObject();
			changes.crt = this.colState().crt;
		}
		return changes;
	}

	override mergeRemoteChanges(remote: UnchunkedChanges, maxUsn: number): void {
		const localMtime = (table: string, id: number) =>
			this.db.prepare(`select mtime_secs from ${table} where id = ?`).pluck().get(id) as number | undefined;
		for (const json of remote.models ?? []) {
			const local = localMtime('notetypes', Number(json.id));
			if (local === undefined || Number(json.mod) > local) this.writeNotetype(json);
		}
		for (const json of remote.decks?.[0] ?? []) {
			const local = localMtime('decks', Number(json.id));
			if (local === undefined || Number(json.mod) > local) this.writeDeck(json);
		}
		for (const json of remote.decks?.[1] ?? []) {
			const local = localMtime('deck_config', Number(json.id));
			if (local === undefined || Number(json.mod) > local) this.writeDeckConfig(json);
		}
		const known = this.db.prepare('select 1 from tags where tag = ?').pluck();
		const addTag =
			this.ver >= 17
				? this.db.prepare('insert into tags (tag, usn, collapsed) values (?, ?, 0)')
				: this.db.prepare('insert into tags (tag, usn) values (?, ?)');
		for (const tag of remote.tags ?? []) if (known.get(tag) === undefined) addTag.run(tag, maxUsn);
		if (remote.conf) for (const [key, value] of Object.entries(remote.conf)) this.setConfigValue(key, value, maxUsn);
		if (typeof remote.crt === 'number') this.db.prepare('update col set crt = ?').run(remote.crt);
	}

	/** Names are unique (unicase); Anki appends "+" until a clash is gone. */
	private uniqueName(table: 'notetypes' | 'decks' | 'deck_config', id: number, name: string): string {
		const clash = this.db.prepare(`select 1 from ${table} where name = ? and id != ?`).pluck();
		let candidate = name;
		while (clash.get(candidate, id) !== undefined) candidate += '+';
		return candidate;
	}

	private writeNotetype(json: LegacyObject): void {
		const notetype = notetypeFromJson(json);
		const id = notetype.id;
		const mtime = Number(json.mod);
		const usn = Number(json.usn);
		this.db.prepare('delete from fields where ntid = ?').run(id);
		this.db.prepare('delete from templates where ntid = ?').run(id);
		this.db.prepare('delete from notetypes where id = ?').run(id);
		this.db
			.prepare('insert into notetypes (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)')
			.run(id, this.uniqueName('notetypes', id, notetype.name), mtime, usn, encodeNotetypeConfig(notetypeConfigFromDomain(notetype)));
		const addField = this.db.prepare('insert into fields (ntid, ord, name, config) values (?, ?, ?, ?)');
		notetype.fields.forEach((field, ord) => addField.run(id, ord, field.name, encodeFieldConfig(fieldConfigFromDomain(field))));
		const addTemplate = this.db.prepare('insert into templates (ntid, ord, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?, ?)');
		notetype.templates.forEach((template, ord) =>
			addTemplate.run(id, ord, template.name, mtime, usn, encodeTemplateConfig(templateConfigFromDomain(template))),
		);
	}

	private writeDeck(json: LegacyObject): void {
		const deck = deckFromJson(json);
		const row = this.db.prepare('select common, kind from decks where id = ?').get(deck.id) as {common: Uint8Array; kind: Uint8Array} | undefined;
		// Keep what the local blobs hold beyond the schema-11 JSON (Anki merges the same way).
		const common = row ? decodeDeckCommon(row.common) : newDeckCommon();
		const kind = row ? decodeDeckKind(row.kind) : newDeckKind();
		applyDeckToBlobs(deck, common, kind);
		this.db
			.prepare('insert or replace into decks (id, name, mtime_secs, usn, common, kind) values (?, ?, ?, ?, ?, ?)')
			.run(
				deck.id,
				deckNameToNative(this.uniqueName('decks', deck.id, deck.name)),
				Number(json.mod),
				Number(json.usn),
				encodeDeckCommon(common),
				encodeDeckKind(kind),
			);
	}

	private writeDeckConfig(json: LegacyObject): void {
		const config = deckConfigFromJson(json);
		this.db
			.prepare('insert or replace into deck_config (id, name, mtime_secs, usn, config) values (?, ?, ?, ?, ?)')
			.run(
				config.id,
				this.uniqueName('deck_config', config.id, config.name),
				Number(json.mod),
				Number(json.usn),
				encodeDeckConfigConfig(deckConfigToBlobMessage(config, this.ver)),
			);
	}

	protected override sortFieldIndexes(): (mid: number) => number {
		const map = new Map(this.adapter.notetypes().map(n => [n.id, n.sortFieldIndex]));
		return mid => map.get(mid) ?? 0;
	}

	override sanityCounts(nowMs: number): SanityCounts {
		const count = (table: string) => Number(this.db.prepare(`select count() from ${table}`).pluck().get());
		const decks = Object.fromEntries(this.adapter.decks().map(d => [String(d.id), deckToJson(d)]));
		const dconf = Object.fromEntries(this.adapter.deckConfigs().map(c => [String(c.id), deckConfigToJson(c)]));
		return [
			dueCounts(this.db, nowMs, {conf: this.configObject(), decks, dconf, crt: this.colState().crt}),
			count('cards'),
			count('notes'),
			count('revlog'),
			count('graves'),
			count('notetypes'),
			count('decks'),
			count('deck_config'),
		];
	}
}
