// Schema 11: notetypes, decks, deck options, config and the tag registry are JSON in the `col` row.
import type Database from 'better-sqlite3';
import type {Deck, DeckConfig, DeckConfigName, DeckForList, DeckOutline, Notetype, NotetypeOutline, PresetLimits} from '../model.js';
import {allocateId, readColJson, writeColJson} from './col-json.js';
import {deckConfigFromJson, deckConfigToJson, deckFromJson, deckToJson, notetypeFromJson, notetypeToJson} from './convert11.js';
import {isObject} from './json-values.js';
import {cached} from './statements.js';
import {registerTagNames} from './tag-names.js';
import {unicaseFold} from './unicase-fold.js';
import type {GraveType, SchemaAdapter} from './types.js';

/** Decks in `col.decks` JSON (schema 11 and 14). */
export class JsonDecks {
	constructor(private readonly db: Database.Database) {}

	all(): Deck[] {
		return Object.values(readColJson(this.db, 'decks')).filter(isObject).map(deckFromJson);
	}

	update(deck: Deck, nowSecs: number): void {
		const decks = readColJson(this.db, 'decks');
		const base = decks[String(deck.id)];
		if (!isObject(base)) throw new Error(`deck ${deck.id} does not exist`);
		decks[String(deck.id)] = deckToJson({...deck, mtimeSecs: nowSecs, usn: -1}, base);
		writeColJson(this.db, 'decks', decks);
	}

	remove(id: number): void {
		const decks = readColJson(this.db, 'decks');
		if (!(String(id) in decks)) return;
		delete decks[String(id)];
		writeColJson(this.db, 'decks', decks);
	}

	add(deck: Deck, nowSecs: number): number {
		const decks = readColJson(this.db, 'decks');
		const id = allocateId(deck.id || nowSecs * 1000, id => String(id) in decks, () => maxKey(decks));
		decks[String(id)] = deckToJson({...deck, id, mtimeSecs: nowSecs, usn: -1});
		writeColJson(this.db, 'decks', decks);
		return id;
	}
}

/** Notetypes in `col.models` JSON (schema 11 and 14). */
export class JsonNotetypes {
	constructor(private readonly db: Database.Database) {}

	all(): Notetype[] {
		return Object.values(readColJson(this.db, 'models')).filter(isObject).map(notetypeFromJson);
	}

	add(notetype: Notetype, nowSecs: number): number {
		const models = readColJson(this.db, 'models');
		const id = allocateId(notetype.id || nowSecs * 1000, id => String(id) in models, () => maxKey(models));
		models[String(id)] = notetypeToJson({...notetype, id, mtimeSecs: nowSecs, usn: -1});
		writeColJson(this.db, 'models', models);
		return id;
	}
}

function maxKey(object: Record<string, unknown>): number {
	return Math.max(0, ...Object.keys(object).map(Number).filter(Number.isFinite));
}

/** Case-insensitive lookup for the JSON tag registry. */
function findTag(registry: Record<string, unknown>, name: string): string | undefined {
	const wanted = unicaseFold(name);
	return Object.keys(registry).find(tag => unicaseFold(tag) === wanted);
}

export class Schema11Adapter implements SchemaAdapter {
	readonly schemaVersion = 11;
	private readonly jsonDecks: JsonDecks;
	private readonly jsonNotetypes: JsonNotetypes;

	constructor(private readonly db: Database.Database) {
		this.jsonDecks = new JsonDecks(db);
		this.jsonNotetypes = new JsonNotetypes(db);
	}

	notetypes(): Notetype[] {
		return this.jsonNotetypes.all();
	}

	decks(): Deck[] {
		return this.jsonDecks.all();
	}

	deckConfigs(): DeckConfig[] {
		return Object.values(readColJson(this.db, 'dconf')).filter(isObject).map(deckConfigFromJson);
	}

	notetypeOutlines(): NotetypeOutline[] {
		return this.notetypes();
	}

	deckOutlines(): DeckOutline[] {
		return this.decks();
	}

	deckConfigNames(): DeckConfigName[] {
		return this.deckConfigs();
	}

	deckListDecks(): DeckForList[] {
		return this.decks();
	}

	deckListPresets(): PresetLimits[] {
		return this.deckConfigs();
	}

	getConfig(key: string): unknown {
		return readColJson(this.db, 'conf')[key];
	}

	setConfig(key: string, value: unknown, _nowSecs: number): void {
		const conf = readColJson(this.db, 'conf');
		conf[key] = value;
		writeColJson(this.db, 'conf', conf);
	}

	updateDeck(deck: Deck, nowSecs: number): void {
		this.jsonDecks.update(deck, nowSecs);
	}

	addDeck(deck: Deck, nowSecs: number): number {
		return this.jsonDecks.add(deck, nowSecs);
	}

	addNotetype(notetype: Notetype, nowSecs: number): number {
		return this.jsonNotetypes.add(notetype, nowSecs);
	}

	addDeckConfig(config: DeckConfig, nowSecs: number): number {
		const dconf = readColJson(this.db, 'dconf');
		const id = allocateId(config.id || nowSecs * 1000, id => String(id) in dconf, () => maxKey(dconf));
		dconf[String(id)] = deckConfigToJson({...config, id, mtimeSecs: nowSecs, usn: -1});
		writeColJson(this.db, 'dconf', dconf);
		return id;
	}

	updateDeckConfig(config: DeckConfig, nowSecs: number): void {
		const dconf = readColJson(this.db, 'dconf');
		const base = dconf[String(config.id)];
		if (!isObject(base)) throw new Error(`deck options ${config.id} do not exist`);
		dconf[String(config.id)] = deckConfigToJson({...config, mtimeSecs: nowSecs, usn: -1}, base);
		writeColJson(this.db, 'dconf', dconf);
	}

	removeDeckConfig(id: number): void {
		const dconf = readColJson(this.db, 'dconf');
		if (!(String(id) in dconf)) return;
		delete dconf[String(id)];
		writeColJson(this.db, 'dconf', dconf);
	}

	registerTags(tags: string[]): void {
		registerTagNames(this, tags);
	}

	allTags(): string[] {
		return Object.keys(readColJson(this.db, 'tags'));
	}

	removeDeck(id: number): void {
		this.jsonDecks.remove(id);
	}

	removeConfigPrefix(prefix: string): void {
		const conf = readColJson(this.db, 'conf');
		const keys = Object.keys(conf).filter(key => key.startsWith(prefix));
		if (keys.length === 0) return;
		for (const key of keys) delete conf[key];
		writeColJson(this.db, 'conf', conf);
	}

	findTag(name: string): string | undefined {
		return findTag(readColJson(this.db, 'tags'), name);
	}

	addTag(name: string): void {
		const registry = readColJson(this.db, 'tags');
		registry[name] = -1;
		writeColJson(this.db, 'tags', registry);
	}

	addGrave(oid: number, type: GraveType): void {
		// Schema 11's graves table has no key (Anki 2.1 inserted duplicates as they came).
		cached(this.db, 'INSERT INTO graves (usn, oid, type) VALUES (-1, ?, ?)').run(oid, type);
	}
}
