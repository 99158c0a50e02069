// Creating an empty collection the way Anki does (rslib storage/sqlite.rs open_or_create): tables,
// the `col` row, config keys, the Default options group, the Default deck and the stock notetypes.
import {existsSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {openDatabase} from './sqlite.js';
import {AnkiFileError, UsageError} from '../errors.js';
import {ddl11} from './ddl11.js';
import {loadUnicase, unicaseAvailable} from './unicase.js';
import {ddl18} from './ddl18.js';
import {
	defaultConfig,
	defaultDeck,
	defaultDeckConfig,
	deckConfigToSchema11,
	keysSetOnFirstOpen,
} from './ddl-defaults.js';
import {deckToJson} from './convert11.js';
import {notetypeToSchema11, stockNotetypes, stringifySchema11, type IdSource} from './ddl-stock-notetypes.js';
import {
	deckCommonBlob,
	deckConfigBlob,
	fieldConfigBlob,
	normalDeckKindBlob,
	notetypeConfigBlob,
	templateConfigBlob,
} from './ddl-blobs18.js';

export interface CreateOptions {
	schema: 11 | 18;
	/** Creation time in ms (default: now). Fixed values make byte-stable fixtures. */
	now?: number;
	/** Minutes west of UTC (JS getTimezoneOffset sign); default: the system zone at creation. */
	minutesWest?: number;
	/** Default: 'wal' for schema 18 (a live profile), 'delete' for schema 11 (what exports carry). */
	journalMode?: 'wal' | 'delete';
	/** Seed for the random 64-bit field/template ids (default: crypto random). */
	idSeed?: number;
	/** 4096 as Anki; the dummy collection.anki2 of modern packages uses 512. */
	pageSize?: number;
}

export interface CreatedCollection {
	path: string;
	crt: number;
	scm: number;
	basicNotetypeId: number;
	notetypeIds: number[];
}

/** Local 4 am of the creation day (of the previous day before 4 am), as v1_creation_date(). */
export function creationTimeSecs(nowMs: number, minutesWest?: number): number {
	const nowSecs = Math.floor(nowMs / 1000);
	let fourAm: number;
	if (minutesWest === undefined) {
		const d = new Date(nowSecs * 1000);
		d.setHours(4, 0, 0, 0);
		fourAm = Math.floor(d.getTime() / 1000);
	} else {
		const local = nowSecs - minutesWest * 60;
		fourAm = Math.floor(local / 86_400) * 86_400 + 4 * 3600 + minutesWest * 60;
	}
	// Anki steps back a fixed 86400 s, not a calendar day.
	return fourAm > nowSecs ? fourAm - 86_400 : fourAm;
}

function idSource(seed: number | undefined): IdSource {
	if (seed === undefined) {
		return () => {
			const b = new BigInt64Array(1);
			crypto.getRandomValues(b);
			return b[0];
		};
	}
	// splitmix64: deterministic ids for fixtures
	let state = BigInt.asUintN(64, BigInt(seed));
	return () => {
		state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
		let z = state;
		z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
		z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
		return BigInt.asIntN(64, z ^ (z >> 31n));
	};
}

/**
 * Writes a new, empty Anki collection at `file` (which must not exist). Schema 11 keeps everything
 * as JSON in `col`; schema 18 uses the modern tables with protobuf blobs.
 */
export function createCollection(file: string, options: CreateOptions): CreatedCollection {
	if (options.schema !== 11 && options.schema !== 18) {
		throw new UsageError(`cannot create a schema ${String(options.schema)} collection (11 or 18 only)`);
	}
	if (existsSync(file)) throw new AnkiFileError(`${file} already exists; not overwriting it`);
	mkdirSync(path.dirname(file), {recursive: true});

	const nowMs = options.now ?? Date.now();
	const nowSecs = Math.floor(nowMs / 1000);
	const crt = creationTimeSecs(nowMs, options.minutesWest);
	const minutesWest = options.minutesWest ?? new Date(crt * 1000).getTimezoneOffset();
	const stock = stockNotetypes(nowMs + 1, idSource(options.idSeed));
	const basicId = stock[0].notetype.id;
	const config = defaultConfig(minutesWest, basicId);
	const deck = defaultDeck();
	const dconf = defaultDeckConfig();

	const db = openDatabase(file);
	try {
		db.pragma(`page_size = ${options.pageSize ?? 4096}`);
		db.pragma('legacy_file_format = false');
		db.pragma(`journal_mode = ${options.journalMode ?? (options.schema === 18 ? 'wal' : 'delete')}`);
		if (options.schema === 11) {
			db.transaction(() => {
				for (const sql of ddl11) db.exec(sql);
				const models: Record<string, unknown> = {};
				for (const {notetype, requirements} of stock) models[notetype.id] = notetypeToSchema11(notetype, requirements);
				db.prepare('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)').run(
					crt,
					nowMs,
					nowMs,
					JSON.stringify(config),
					stringifySchema11(models),
					JSON.stringify({[deck.id]: deckToJson(deck)}),
					JSON.stringify({[dconf.id]: deckConfigToSchema11(dconf)}),
					'{}',
				);
			})();
		} else {
			// The schema names Anki's `unicase` collation. Without our native extension, build the tables
			// with NOCASE (same order and equality for the ASCII names written here) and put `unicase`
			// back into the stored schema text afterwards, so the file is what Anki writes either way.
			const native = unicaseAvailable();
			if (native) loadUnicase(db, file);
			db.transaction(() => {
				for (const sql of ddl18) db.exec(native ? sql : sql.replaceAll('COLLATE unicase', 'COLLATE NOCASE'));
				db.prepare("INSERT INTO col VALUES (1,?,?,?,18,0,0,0,'','','','','')").run(crt, nowMs, nowMs);
				const addConfig = db.prepare('INSERT INTO config (KEY, usn, mtime_secs, val) VALUES (?,?,?,?)');
				for (const [key, value] of Object.entries(config).sort(([a], [b]) => (a < b ? -1 : 1))) {
					const firstOpen = keysSetOnFirstOpen.has(key);
					addConfig.run(key, firstOpen ? -1 : 0, firstOpen ? nowSecs : 0, Buffer.from(JSON.stringify(value)));
				}
				db.prepare('INSERT INTO deck_config VALUES (?,?,?,?,?)').run(
					dconf.id,
					dconf.name,
					dconf.mtimeSecs,
					dconf.usn,
					deckConfigBlob(dconf),
				);
				db.prepare('INSERT INTO decks VALUES (?,?,?,?,?,?)').run(
					deck.id,
					deck.name,
					deck.mtimeSecs,
					deck.usn,
					deckCommonBlob(deck.collapsed, deck.browserCollapsed),
					normalDeckKindBlob(deck.normal?.configId ?? 1),
				);
				const addNt = db.prepare('INSERT INTO notetypes VALUES (?,?,?,?,?)');
				const addField = db.prepare('INSERT INTO fields VALUES (?,?,?,?)');
				const addTemplate = db.prepare('INSERT INTO templates VALUES (?,?,?,?,?,?)');
				for (const {notetype: nt, requirements} of stock) {
					addNt.run(nt.id, nt.name, nt.mtimeSecs, nt.usn, notetypeConfigBlob(nt, requirements));
					for (const f of nt.fields) addField.run(nt.id, f.ord, f.name, fieldConfigBlob(f));
					for (const t of nt.templates) addTemplate.run(nt.id, t.ord, t.name, nt.mtimeSecs, nt.usn, templateConfigBlob(t));
				}
			})();
			if (!native) restoreUnicase(db);
		}
	} finally {
		db.close();
	}
	return {path: file, crt, scm: nowMs, basicNotetypeId: basicId, notetypeIds: stock.map(s => s.notetype.id)};
}

function restoreUnicase(db: Database.Database): void {
	const version = db.pragma('schema_version', {simple: true}) as number;
	db.unsafeMode(true);
	db.pragma('writable_schema = ON');
	db.prepare(
		"UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase') WHERE sql LIKE '%COLLATE NOCASE%'",
	).run();
	db.pragma(`schema_version = ${version + 1}`);
	db.pragma('writable_schema = OFF');
	db.unsafeMode(false);
}
