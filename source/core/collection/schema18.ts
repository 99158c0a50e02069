// Schemas 14-18: tables with protobuf blobs. Per formats.md §3.1: schema 14 has the deck_config
// (JSON blobs), config and tags tables but still keeps notetypes and decks in col JSON; 15 moved
// those to tables and deck_config to protobuf (starting ease stored as 250); 16+ stores 2.5;
// 17 added tags.collapsed/config.
import type Database from 'better-sqlite3';
import type {Deck, DeckConfig, DeckConfigName, DeckForList, DeckOutline, Notetype, NotetypeOutline, PresetLimits} from '../model.js';
import {
	decodeDeckCommon,
	decodeDeckConfigConfig,
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
import {allocateId} from './col-json.js';
import {deckConfigFromJson, deckConfigToJson} from './convert11.js';
import {
	applyDeckToBlobs,
	deckConfigFromBlob,
	deckConfigToBlobMessage,
	deckFromRow,
	deckNameToNative,
	fieldConfigFromDomain,
	notetypeConfigFromDomain,
	notetypeFromRows,
	templateConfigFromDomain,
	type DeckRow,
	type FieldRow,
	type NotetypeRow,
	type TemplateRow,
} from './convert18.js';
import {parseObject} from './json-values.js';
import {deckConfigNames18, deckOutlines18, notetypeOutlines18} from './outlines18.js';
import {deckListDecks18, presetLimits18} from './deck-list18.js';
import {JsonDecks, JsonNotetypes} from './schema11.js';
import {registerTagNames} from './tag-names.js';
import type {GraveType, SchemaAdapter} from './types.js';
import {cached} from './statements.js';

type IdTable = 'decks' | 'notetypes' | 'deck_config';

export class Schema18Adapter implements SchemaAdapter {
	private readonly jsonDecks: JsonDecks;
	private readonly jsonNotetypes: JsonNotetypes;

	constructor(
		private readonly db: Database.Database,
		readonly schemaVersion: number,
	) {
		this.jsonDecks = new JsonDecks(db);
		this.jsonNotetypes = new JsonNotetypes(db);
	}

	/** Notetypes and decks left col JSON for tables in schema 15. */
	private get tablesForNotetypesAndDecks(): boolean {
		return this.schemaVersion >= 15;
	}

	private allocate(table: IdTable, wanted: number): number {
		return allocateId(
			wanted,
			id => this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined,
			() => (this.db.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as {id: number}).id,
		);
	}

	notetypes(): Notetype[] {
		if (!this.tablesForNotetypesAndDecks) return this.jsonNotetypes.all();
		const rows = this.db.prepare('SELECT id, name, mtime_secs, usn, config FROM notetypes ORDER BY id').all() as NotetypeRow[];
		// Exported anki21b files keep orphan fields/templates rows, so only take those of real notetypes.
		const fields = this.db
			.prepare('SELECT f.ntid, f.ord, f.name, f.config FROM fields f JOIN notetypes n ON n.id = f.ntid')
			.all() as Array<FieldRow & {ntid: number}>;
		const templates = this.db
			.prepare('SELECT t.ntid, t.ord, t.name, t.mtime_secs, t.usn, t.config FROM templates t JOIN notetypes n ON n.id = t.ntid')
			.all() as Array<TemplateRow & {ntid: number}>;
		return rows.map(row =>
			notetypeFromRows(
				row,
				fields.filter(field => field.ntid === row.id),
				templates.filter(template => template.ntid === row.id),
			),
		);
	}

	decks(): Deck[] {
		if (!this.tablesForNotetypesAndDecks) return this.jsonDecks.all();
		const rows = this.db.prepare('SELECT id, name, mtime_secs, usn, common, kind FROM decks ORDER BY id').all() as DeckRow[];
		return rows.map(deckFromRow);
	}

	deckConfigs(): DeckConfig[] {
		const rows = this.db.prepare('SELECT id, name, mtime_secs, usn, config FROM deck_config ORDER BY id').all() as Array<{
			id: number;
			name: string;
			mtime_secs: number;
			usn: number;
			config: Uint8Array;
		}>;
		if (this.schemaVersion >= 15) return rows.map(row => deckConfigFromBlob(row, this.schemaVersion));
		// schema 14: the blob is the schema-11 JSON object
		return rows.map(row => ({
			...deckConfigFromJson(parseObject(row.config)),
			id: row.id,
			name: row.name,
			mtimeSecs: row.mtime_secs,
			usn: row.usn,
		}));
	}

	notetypeOutlines(): NotetypeOutline[] {
		return this.tablesForNotetypesAndDecks ? notetypeOutlines18(this.db) : this.jsonNotetypes.all();
	}

	deckOutlines(): DeckOutline[] {
		return this.tablesForNotetypesAndDecks ? deckOutlines18(this.db) : this.jsonDecks.all();
	}

	deckConfigNames(): DeckConfigName[] {
		return deckConfigNames18(this.db);
	}

	deckListDecks(): DeckForList[] {
		return this.tablesForNotetypesAndDecks ? deckListDecks18(this.db) : this.jsonDecks.all();
	}

	deckListPresets(): PresetLimits[] {
		// Schema 14 keeps the presets as schema-11 JSON in the same table.
		return this.schemaVersion >= 15 ? presetLimits18(this.db) : this.deckConfigs();
	}

	getConfig(key: string): unknown {
		const row = cached(this.db, 'SELECT val FROM config WHERE KEY = ?').get(key) as {val: Uint8Array | string} | undefined;
		if (!row) return undefined;
		const text = typeof row.val === 'string' ? row.val : Buffer.from(row.val).toString('utf8');
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return undefined;
		}
	}

	setConfig(key: string, value: unknown, nowSecs: number): void {
		// Anki: INSERT OR REPLACE, value as JSON bytes (a blob), usn -1, mtime now.
		cached(this.db, 'INSERT OR REPLACE INTO config (KEY, usn, mtime_secs, val) VALUES (?, -1, ?, ?)')
			.run(key, nowSecs, Buffer.from(JSON.stringify(value) ?? 'null'));
	}

	updateDeck(deck: Deck, nowSecs: number): void {
		if (!this.tablesForNotetypesAndDecks) return this.jsonDecks.update(deck, nowSecs);
		const row = cached(this.db, 'SELECT common, kind FROM decks WHERE id = ?').get(deck.id) as
			| {common: Uint8Array; kind: Uint8Array}
			| undefined;
		if (!row) throw new Error(`deck ${deck.id} does not exist`);
		const common = decodeDeckCommon(row.common);
		const kind = decodeDeckKind(row.kind);
		applyDeckToBlobs(deck, common, kind);
		cached(this.db, 'UPDATE decks SET name = ?, mtime_secs = ?, usn = -1, common = ?, kind = ? WHERE id = ?')
			.run(deckNameToNative(deck.name), nowSecs, encodeDeckCommon(common), encodeDeckKind(kind), deck.id);
	}

	addDeck(deck: Deck, nowSecs: number): number {
		if (!this.tablesForNotetypesAndDecks) return this.jsonDecks.add(deck, nowSecs);
		const id = this.allocate('decks', deck.id || nowSecs * 1000);
		const common = newDeckCommon();
		const kind = newDeckKind();
		applyDeckToBlobs(deck, common, kind);
		this.db
			.prepare('INSERT INTO decks (id, name, mtime_secs, usn, common, kind) VALUES (?, ?, ?, -1, ?, ?)')
			.run(id, deckNameToNative(deck.name), nowSecs, encodeDeckCommon(common), encodeDeckKind(kind));
		return id;
	}

	addNotetype(notetype: Notetype, nowSecs: number): number {
		if (!this.tablesForNotetypesAndDecks) return this.jsonNotetypes.add(notetype, nowSecs);
		const id = this.allocate('notetypes', notetype.id || nowSecs * 1000);
		this.db
			.prepare('INSERT INTO notetypes (id, name, mtime_secs, usn, config) VALUES (?, ?, ?, -1, ?)')
			.run(id, notetype.name, nowSecs, encodeNotetypeConfig(notetypeConfigFromDomain(notetype)));
		const addField = this.db.prepare('INSERT INTO fields (ntid, ord, name, config) VALUES (?, ?, ?, ?)');
		notetype.fields.forEach((field, index) => addField.run(id, index, field.name, encodeFieldConfig(fieldConfigFromDomain(field))));
		const addTemplate = this.db.prepare(
			'INSERT INTO templates (ntid, ord, name, mtime_secs, usn, config) VALUES (?, ?, ?, ?, -1, ?)',
		);
		notetype.templates.forEach((template, index) =>
			addTemplate.run(id, index, template.name, nowSecs, encodeTemplateConfig(templateConfigFromDomain(template))),
		);
		return id;
	}

	addDeckConfig(config: DeckConfig, nowSecs: number): number {
		const id = this.allocate('deck_config', config.id || nowSecs * 1000);
		const blob =
			this.schemaVersion >= 15
				? encodeDeckConfigConfig(deckConfigToBlobMessage(config, this.schemaVersion))
				: Buffer.from(JSON.stringify(deckConfigToJson({...config, id, mtimeSecs: nowSecs, usn: -1})));
		this.db
			.prepare('INSERT INTO deck_config (id, name, mtime_secs, usn, config) VALUES (?, ?, ?, -1, ?)')
			.run(id, config.name, nowSecs, blob);
		return id;
	}

	updateDeckConfig(config: DeckConfig, nowSecs: number): void {
		const row = cached(this.db, 'SELECT config FROM deck_config WHERE id = ?').get(config.id) as {config: Uint8Array} | undefined;
		if (!row) throw new Error(`deck options ${config.id} do not exist`);
		let blob: Uint8Array;
		if (this.schemaVersion >= 15) {
			const message = deckConfigToBlobMessage(config, this.schemaVersion);
			// Fields a newer Anki added that our schema does not know travel on untouched.
			message.$unknown = decodeDeckConfigConfig(row.config).$unknown;
			blob = encodeDeckConfigConfig(message);
		} else {
			const written = deckConfigToJson({...config, mtimeSecs: nowSecs, usn: -1}, parseObject(row.config));
			blob = Buffer.from(JSON.stringify(written));
		}
		cached(this.db, 'UPDATE deck_config SET name = ?, mtime_secs = ?, usn = -1, config = ? WHERE id = ?').run(
			config.name,
			nowSecs,
			blob,
			config.id,
		);
	}

	removeDeckConfig(id: number): void {
		cached(this.db, 'DELETE FROM deck_config WHERE id = ?').run(id);
	}

	registerTags(tags: string[]): void {
		registerTagNames(this, tags);
	}

	findTag(name: string): string | undefined {
		// tags.tag is COLLATE unicase: "Tag" finds "tag".
		return cached(this.db, 'SELECT tag FROM tags WHERE tag = ?').pluck().get(name) as string | undefined;
	}

	addTag(name: string): void {
		// Anki registers a new tag collapsed (Tag::new has expanded = false); 14-16 have no such column.
		if (this.schemaVersion >= 17) cached(this.db, 'INSERT OR REPLACE INTO tags (tag, usn, collapsed) VALUES (?, -1, 1)').run(name);
		else cached(this.db, 'INSERT OR REPLACE INTO tags (tag, usn) VALUES (?, -1)').run(name);
	}

	allTags(): string[] {
		return this.db.prepare('SELECT tag FROM tags ORDER BY tag').pluck().all() as string[];
	}

	addGrave(oid: number, type: GraveType): void {
		// Schema 18 keys graves by (oid, type); 14-17 have no key, as schema 11.
		if (this.schemaVersion >= 18) cached(this.db, 'INSERT OR IGNORE INTO graves (oid, type, usn) VALUES (?, ?, -1)').run(oid, type);
		else cached(this.db, 'INSERT INTO graves (usn, oid, type) VALUES (-1, ?, ?)').run(oid, type);
	}

	removeDeck(id: number): void {
		if (!this.tablesForNotetypesAndDecks) return this.jsonDecks.remove(id);
		cached(this.db, 'DELETE FROM decks WHERE id = ?').run(id);
	}

	removeConfigPrefix(prefix: string): void {
		// Anki's get_config_prefix: a binary range over the keys that start with the prefix.
		const keys = (this.db.prepare('SELECT KEY FROM config').pluck().all() as string[]).filter(key => key.startsWith(prefix));
		const remove = cached(this.db, 'DELETE FROM config WHERE KEY = ?');
		for (const key of keys) remove.run(key);
	}
}
