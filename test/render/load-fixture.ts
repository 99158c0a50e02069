// Test-only loader for real Anki files (until the project's package/collection readers land):
// extracts a package with yauzl + fzstd into a temp dir, or copies a raw collection, and reads
// notetypes, decks, notes and cards. Schema 15+ copies get `unicase` rewritten to NOCASE
// (formats.md §3.9 option 1), which is fine on a private temp copy.
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import {decompress} from 'fzstd';
import {BinaryReader} from '@bufbuild/protobuf/wire';
import type {Card, Note, Notetype, NotetypeField, NotetypeTemplate} from '../../source/core/model.js';
import {copyToTemp, tempDir} from '../helpers/shared.js';

export interface LoadedCollection {
	schema: number;
	notetypes: Map<number, Notetype>;
	notes: Map<number, Note>;
	cards: Card[];
	decks: Map<number, string>;
	media: Set<string>;
	deckNameFor(card: Card): string;
}

function readZip(file: string): Promise<Map<string, Buffer>> {
	return new Promise((resolve, reject) => {
		yauzl.open(file, {lazyEntries: true}, (error, zip) => {
			if (error || !zip) return reject(error);
			const entries = new Map<string, Buffer>();
			zip.on('entry', (entry: yauzl.Entry) => {
				zip.openReadStream(entry, (err, stream) => {
					if (err || !stream) return reject(err);
					const chunks: Buffer[] = [];
					stream.on('data', (c: Buffer) => chunks.push(c));
					stream.on('end', () => {
						entries.set(entry.fileName, Buffer.concat(chunks));
						zip.readEntry();
					});
					stream.on('error', reject);
				});
			});
			zip.on('end', () => resolve(entries));
			zip.on('error', reject);
			zip.readEntry();
		});
	});
}

function protoFields(bytes: Uint8Array): Map<number, Array<number | Uint8Array>> {
	const fields = new Map<number, Array<number | Uint8Array>>();
	const reader = new BinaryReader(bytes);
	while (reader.pos < reader.len) {
		const [no, wireType] = reader.tag();
		let value: number | Uint8Array;
		if (wireType === 0) value = Number(reader.uint64());
		else if (wireType === 2) value = reader.bytes();
		else {
			reader.skip(wireType);
			continue;
		}
		const list = fields.get(no) ?? [];
		list.push(value);
		fields.set(no, list);
	}
	return fields;
}

const utf8 = new TextDecoder();
const str = (v: number | Uint8Array | undefined) => (v instanceof Uint8Array ? utf8.decode(v) : '');

function notetypeBase(id: number, name: string): Notetype {
	return {
		id, name, kind: 'standard', fields: [], templates: [], css: '', sortFieldIndex: 0, latexPre: '', latexPost: '',
		latexSvg: false, mtimeSecs: 0, usn: 0, originalStockKind: 0,
	};
}

export async function loadFixture(file: string): Promise<LoadedCollection & {cleanup: () => void}> {
	let dbFile: string;
	let cleanup: () => void;
	const media = new Set<string>();
	if (/\.(apkg|colpkg)$/.test(file)) {
		const entries = await readZip(file);
		const t = tempDir('anki-tui-render-');
		cleanup = t.cleanup;
		let version = 0;
		const meta = entries.get('meta');
		if (meta) version = Number(protoFields(meta).get(1)?.[0] ?? 0);
		else version = entries.has('collection.anki21') ? 2 : 1;
		const name = version === 3 ? 'collection.anki21b' : version === 2 ? 'collection.anki21' : 'collection.anki2';
		let bytes: Uint8Array = entries.get(name)!;
		if (version === 3) bytes = decompress(bytes);
		dbFile = path.join(t.dir, 'collection.anki2');
		writeFileSync(dbFile, bytes);
		const map = entries.get('media');
		if (map) {
			if (version === 3) {
				for (const entry of protoFields(decompress(map)).get(1) ?? []) media.add(str(protoFields(entry as Uint8Array).get(1)?.[0]));
			} else {
				for (const value of Object.values(JSON.parse(map.toString('utf8') || '{}') as Record<string, string>)) media.add(value);
			}
		}
	} else {
		const t = copyToTemp(file);
		dbFile = t.file;
		// The shared file is read-only and the copy keeps its mode; SQLite needs to write (WAL files).
		chmodSync(dbFile, 0o644);
		cleanup = t.cleanup;
	}

	let db = new Database(dbFile);
	db.pragma('journal_mode = delete');
	const schema = (db.prepare('SELECT ver FROM col').get() as {ver: number}).ver;
	if (schema >= 15) {
		db.unsafeMode(true);
		db.pragma('writable_schema = ON');
		db.prepare("UPDATE sqlite_schema SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE') WHERE sql LIKE '%unicase%'").run();
		db.close();
		db = new Database(dbFile);
		db.exec('REINDEX');
	}

	const notetypes = new Map<number, Notetype>();
	const decks = new Map<number, string>();
	if (schema >= 15) {
		for (const row of db.prepare('SELECT id, name, config FROM notetypes').all() as Array<{id: number; name: string; config: Buffer}>) {
			const nt = notetypeBase(row.id, row.name);
			const config = protoFields(row.config);
			nt.kind = Number(config.get(1)?.[0] ?? 0) === 1 ? 'cloze' : 'standard';
			nt.css = str(config.get(3)?.[0]);
			nt.latexSvg = Number(config.get(7)?.[0] ?? 0) === 1;
			notetypes.set(row.id, nt);
		}
		for (const row of db.prepare('SELECT ntid, ord, name FROM fields ORDER BY ntid, ord').all() as Array<{ntid: number; ord: number; name: string}>) {
			notetypes.get(row.ntid)?.fields.push({name: row.name, ord: row.ord});
		}
		for (const row of db.prepare('SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord').all() as Array<{ntid: number; ord: number; name: string; config: Buffer}>) {
			const config = protoFields(row.config);
			notetypes.get(row.ntid)?.templates.push({
				name: row.name, ord: row.ord, qfmt: str(config.get(1)?.[0]), afmt: str(config.get(2)?.[0]), targetDeckId: 0,
			});
		}
		for (const row of db.prepare('SELECT id, name FROM decks').all() as Array<{id: number; name: string}>) {
			decks.set(row.id, row.name.replaceAll('\u001f', '::'));
		}
	} else {
		const col = db.prepare('SELECT models, decks FROM col').get() as {models: string; decks: string};
		for (const raw of Object.values(JSON.parse(col.models) as Record<string, Record<string, unknown>>)) {
			const nt = notetypeBase(Number(raw.id), String(raw.name));
			nt.kind = Number(raw.type) === 1 ? 'cloze' : 'standard';
			nt.css = String(raw.css ?? '');
			nt.latexSvg = Boolean(raw.latexsvg);
			nt.fields = (raw.flds as Array<{name: string; ord: number}>).map((f): NotetypeField => ({name: f.name, ord: f.ord}));
			nt.templates = (raw.tmpls as Array<{name: string; ord: number; qfmt: string; afmt: string}>).map(
				(t): NotetypeTemplate => ({name: t.name, ord: t.ord, qfmt: t.qfmt, afmt: t.afmt, targetDeckId: 0}),
			);
			notetypes.set(nt.id, nt);
		}
		for (const raw of Object.values(JSON.parse(col.decks) as Record<string, {id: number; name: string}>)) decks.set(Number(raw.id), raw.name);
	}

	const notes = new Map<number, Note>();
	for (const row of db.prepare('SELECT id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data FROM notes').all() as Array<Record<string, never>>) {
		const r = row as unknown as {id: number; guid: string; mid: number; mod: number; usn: number; tags: string; flds: string; sfld: string | number; csum: number; flags: number; data: string};
		notes.set(r.id, {
			id: r.id, guid: r.guid, mid: r.mid, mod: r.mod, usn: r.usn, tags: r.tags.split(' ').filter(Boolean), fields: r.flds.split('\u001f'),
			sfld: r.sfld, csum: r.csum, flags: r.flags, data: r.data,
		});
	}
	const cards = db.prepare('SELECT id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards ORDER BY id').all() as Card[];
	db.close();

	return {
		schema,
		notetypes,
		notes,
		cards,
		decks,
		media,
		deckNameFor: (card: Card) => decks.get(card.odid || card.did) ?? '(Deck)',
		cleanup,
	};
}
