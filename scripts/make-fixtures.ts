// Builds every project fixture from ONE source, fixtures/source/demo.json (`npm run fixtures`):
// raw collections (schema 11 and 18), packages of every Anki generation, and the demo deck that
// `npm start` opens. Everything is deterministic (fixed ids, times and zip dates): re-running the
// script rewrites identical bytes.
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {deflateSync} from 'node:zlib';
import Database from 'better-sqlite3';
import {createCollection} from '../source/core/collection/create.js';
import {deckToJson} from '../source/core/collection/convert11.js';
import {defaultDeck} from '../source/core/collection/ddl-defaults.js';
import {
	notetypeToSchema11,
	stockNotetypes,
	stringifySchema11,
	type LegacyRequirement,
} from '../source/core/collection/ddl-stock-notetypes.js';
import {
	deckCommonBlob,
	fieldConfigBlob,
	normalDeckKindBlob,
	notetypeConfigBlob,
	templateConfigBlob,
} from '../source/core/collection/ddl-blobs18.js';
import {loadUnicase} from '../source/core/collection/unicase.js';
import {writePackage} from './lib/write-package.js';
import type {Notetype} from '../source/core/model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// FIXTURES_OUT writes elsewhere (the test that checks the committed files are up to date)
const outDir = process.env.FIXTURES_OUT ? path.resolve(process.env.FIXTURES_OUT) : path.join(root, 'fixtures');
const sourceFile = path.join(root, 'fixtures', 'source', 'demo.json');

// ---------------------------------------------------------------------------------------------
// Source

interface SourceNote {
	deck: string;
	type: string;
	fields: string[];
	tags: string[];
	state?: 'review' | 'learn' | 'relearn' | 'daylearn' | 'suspended' | 'buried';
	interval?: number;
	due?: number;
}
interface Source {
	createdAt: string;
	minutesWest: number;
	decks: Array<{key: string; name: string; description?: string}>;
	media: Array<{name: string; kind: 'png' | 'wav'}>;
	notetypes: Array<{name: string; base: string; qfmt: string; afmt: string; css?: string}>;
	notes: SourceNote[];
}

const source = JSON.parse(readFileSync(sourceFile, 'utf8')) as Source;
const createdMs = Date.parse(source.createdAt);
const createdSecs = Math.floor(createdMs / 1000);
const idSeed = 20260105;

// ---------------------------------------------------------------------------------------------
// Media: a tiny PNG and a tiny WAV, generated so the repository holds only our own bytes.

function crcTable(): Uint32Array {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
}
const table = crcTable();
function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function png(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // RGB
	const rows: number[] = [];
	for (let y = 0; y < height; y++) {
		rows.push(0); // filter: none
		for (let x = 0; x < width; x++) {
			rows.push(Math.round((255 * x) / (width - 1)), Math.round((255 * y) / (height - 1)), 160);
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.from(rows), {level: 9})),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

function wav(): Buffer {
	const rate = 8000;
	const samples = rate / 5; // 0.2 s
	const data = Buffer.alloc(samples);
	for (let i = 0; i < samples; i++) {
		const fade = Math.min(1, (samples - i) / 400);
		data[i] = 128 + Math.round(90 * fade * Math.sin((2 * Math.PI * 880 * i) / rate));
	}
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'latin1');
	h.writeUInt32LE(36 + samples, 4);
	h.write('WAVEfmt ', 8, 'latin1');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(1, 22); // mono
	h.writeUInt32LE(rate, 24);
	h.writeUInt32LE(rate, 28);
	h.writeUInt16LE(1, 32);
	h.writeUInt16LE(8, 34);
	h.write('data', 36, 'latin1');
	h.writeUInt32LE(samples, 40);
	return Buffer.concat([h, data]);
}

const media = source.media.map(m => ({name: m.name, data: m.kind === 'png' ? png(16, 8) : wav()}));

// ---------------------------------------------------------------------------------------------
// Notes, cards and review history, computed once and written into each schema.

const base91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
function guidFor(key: string): string {
	// Anki: base91 of a random u64; ours derives the u64 from the note's text so it is stable.
	let n = createHash('sha1').update(key).digest().readBigUInt64BE(0);
	let out = '';
	while (n > 0n) {
		out = base91[Number(n % 91n)] + out;
		n /= 91n;
	}
	return out;
}

function stripHtmlKeepMedia(html: string): string {
	return html
		.replace(/<img[^>]*?src=["']?([^"'>\s]+)["']?[^>]*>/gi, ' $1 ')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&')
		.trim();
}

function checksum(firstField: string): number {
	return parseInt(createHash('sha1').update(stripHtmlKeepMedia(firstField)).digest('hex').slice(0, 8), 16);
}

const stock = stockNotetypes(createdMs + 1, idsFor(idSeed));
const notetypes: Array<{nt: Notetype; reqs: LegacyRequirement[]}> = stock.map(s => ({nt: s.notetype, reqs: s.requirements}));
let nextNotetypeId = createdMs + 1 + stock.length;
for (const custom of source.notetypes) {
	const parent = notetypes.find(n => n.nt.name === custom.base);
	if (!parent) throw new Error(`unknown base notetype ${custom.base}`);
	const ids = idsFor(idSeed + nextNotetypeId);
	const nt: Notetype = structuredClone(parent.nt);
	nt.id = nextNotetypeId++;
	nt.name = custom.name;
	nt.mtimeSecs = createdSecs;
	nt.originalStockKind = 0;
	nt.css += custom.css ?? '';
	nt.templates[0].qfmt = custom.qfmt;
	nt.templates[0].afmt = custom.afmt;
	for (const f of nt.fields) f.extra = {...f.extra, id: ids().toString()};
	for (const t of nt.templates) t.extra = {...t.extra, id: ids().toString()};
	notetypes.push({nt, reqs: parent.reqs});
}

// The same splitmix64 as createCollection's seeded ids.
function idsFor(seed: number): () => bigint {
	let state = BigInt.asUintN(64, BigInt(seed));
	return () => {
		state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
		let z = state;
		z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
		z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
		return BigInt.asIntN(64, z ^ (z >> 31n));
	};
}

const deckIds = new Map(source.decks.map((d, i) => [d.key, createdMs + 100 + i]));

interface Row {
	[column: string]: number | string;
}
const notes: Row[] = [];
const cards: Row[] = [];
const revlog: Row[] = [];

const crtSecs = (() => {
	// must equal what createCollection computes for the same time and zone
	const local = createdSecs - source.minutesWest * 60;
	const fourAm = Math.floor(local / 86_400) * 86_400 + 4 * 3600 + source.minutesWest * 60;
	return fourAm > createdSecs ? fourAm - 86_400 : fourAm;
})();
const dayMs = (day: number, minutes: number) => (crtSecs + day * 86_400 + 5 * 3600) * 1000 + minutes * 60_000;

source.notes.forEach((n, i) => {
	const type = notetypes.find(t => t.nt.name === n.type);
	if (!type) throw new Error(`note ${i}: unknown notetype ${n.type}`);
	const did = deckIds.get(n.deck);
	if (!did) throw new Error(`note ${i}: unknown deck ${n.deck}`);
	if (n.fields.length !== type.nt.fields.length) throw new Error(`note ${i}: ${type.nt.fields.length} fields expected`);
	const nid = createdMs + 10_000 + i * 1000;
	notes.push({
		id: nid,
		guid: guidFor(`${n.type}\u001f${n.fields.join('\u001f')}`),
		mid: type.nt.id,
		mod: createdSecs,
		usn: 0,
		tags: n.tags.length ? ` ${n.tags.join(' ')} ` : '',
		flds: n.fields.join('\u001f'),
		sfld: stripHtmlKeepMedia(n.fields[type.nt.sortFieldIndex]),
		csum: checksum(n.fields[0]),
		flags: 0,
		data: '',
	});
	let ords: number[];
	if (type.nt.kind === 'cloze') {
		ords = [...new Set([...n.fields.join(' ').matchAll(/\{\{c(\d+)::/g)].map(m => Number(m[1]) - 1))].sort((a, b) => a - b);
	} else if (type.nt.name === 'Basic (and reversed card)') {
		ords = [0, 1];
	} else if (type.nt.name === 'Basic (optional reversed card)') {
		ords = n.fields[2] ? [0, 1] : [0];
	} else {
		ords = [0];
	}
	ords.forEach((ord, k) => {
		const cid = nid + 500 + ord;
		const card: Row = {id: cid, nid, did, ord, mod: createdSecs, usn: 0, type: 0, queue: 0, due: i + 1, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: ''};
		if (k === 0 && n.state) applyState(card, n);
		cards.push(card);
	});
});

function review(cid: number, when: number, ease: number, ivl: number, lastIvl: number, factor: number, type: number): void {
	// spread the cards' reviews over the hour so revlog ids (ms timestamps) stay unique
	const at = when + ((cid - createdMs) % 100_000) * 30;
	revlog.push({id: at, cid, usn: 0, ease, ivl, lastIvl, factor, time: 4000 + (at % 7) * 1000, type});
}

function applyState(card: Row, n: SourceNote): void {
	const cid = card.id as number;
	const learnDay = 0;
	review(cid, dayMs(learnDay, 0), 3, -600, -60, 0, 0);
	switch (n.state) {
		case 'review': {
			const ivl = n.interval ?? 1;
			const due = n.due ?? 1;
			const last = Math.max(1, due - ivl);
			review(cid, dayMs(learnDay, 10), 3, 1, -600, 2500, 0);
			review(cid, dayMs(last, 0), 3, ivl, 1, 2500, 1);
			Object.assign(card, {type: 2, queue: 2, due, ivl, factor: 2500, reps: 3, mod: Math.floor(dayMs(last, 0) / 1000), data: '{"pos":' + card.due + '}'});
			break;
		}
		case 'learn':
			// one step (10 min) left; due is epoch seconds
			Object.assign(card, {type: 1, queue: 1, due: Math.floor(dayMs(learnDay, 10) / 1000), left: 1, reps: 1, mod: Math.floor(dayMs(learnDay, 0) / 1000)});
			break;
		case 'daylearn':
			review(cid, dayMs(learnDay, 10), 3, -86400, -600, 0, 0);
			Object.assign(card, {type: 1, queue: 3, due: 1, left: 1, reps: 2, mod: Math.floor(dayMs(learnDay, 10) / 1000)});
			break;
		case 'relearn':
			review(cid, dayMs(learnDay, 10), 3, 1, -600, 2500, 0);
			review(cid, dayMs(1, 0), 3, 3, 1, 2500, 1);
			review(cid, dayMs(4, 0), 1, -600, 3, 2300, 1);
			Object.assign(card, {type: 3, queue: 1, due: Math.floor(dayMs(4, 10) / 1000), ivl: 1, factor: 2300, reps: 4, lapses: 1, left: 1, mod: Math.floor(dayMs(4, 0) / 1000)});
			break;
		case 'suspended':
			revlog.pop();
			Object.assign(card, {queue: -1});
			break;
		case 'buried':
			revlog.pop();
			Object.assign(card, {queue: -3});
			break;
	}
}

// ---------------------------------------------------------------------------------------------
// Writing the content into a created collection

const deckRows = source.decks.map(d => ({
	...defaultDeck(),
	id: deckIds.get(d.key)!,
	name: d.name,
	mtimeSecs: createdSecs,
	description: d.description ?? '',
}));

function insertRows(db: Database.Database, table: string, rows: Row[]): void {
	if (!rows.length) return;
	const cols = Object.keys(rows[0]);
	const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(c => '@' + c).join(',')})`);
	for (const r of rows) stmt.run(r);
}

function fillCollection(file: string, schema: 11 | 18): void {
	const db = new Database(file);
	if (schema === 18) loadUnicase(db);
	db.transaction(() => {
		insertRows(db, 'notes', notes);
		insertRows(db, 'cards', cards);
		insertRows(db, 'revlog', revlog);
		const rootDeck = deckIds.get(source.decks[0].key)!;
		const conf = {nextPos: notes.length + 1, curDeck: rootDeck, activeDecks: [rootDeck]};
		const tags = [...new Set(source.notes.flatMap(n => n.tags))].sort();
		const custom = notetypes.slice(stock.length);
		if (schema === 11) {
			const col = db.prepare('SELECT conf, decks FROM col').get() as {conf: string; decks: string};
			const decks = JSON.parse(col.decks) as Record<string, unknown>;
			for (const d of deckRows) decks[d.id] = deckToJson(d);
			// rebuilt from the domain objects: JSON.parse would round the 64-bit field/template ids
			const allModels: Record<string, unknown> = {};
			for (const {nt, reqs} of notetypes) allModels[nt.id] = notetypeToSchema11(nt, reqs);
			db.prepare('UPDATE col SET conf = ?, models = ?, decks = ?, tags = ?').run(
				JSON.stringify({...JSON.parse(col.conf), ...conf}),
				stringifySchema11(allModels),
				JSON.stringify(decks),
				JSON.stringify(Object.fromEntries(tags.map(t => [t, 0]))),
			);
		} else {
			const setConfig = db.prepare('UPDATE config SET val = ?, usn = 0, mtime_secs = ? WHERE KEY = ?');
			for (const [k, v] of Object.entries(conf)) setConfig.run(Buffer.from(JSON.stringify(v)), createdSecs, k);
			const addNt = db.prepare('INSERT INTO notetypes VALUES (?,?,?,?,?)');
			const addField = db.prepare('INSERT INTO fields VALUES (?,?,?,?)');
			const addTemplate = db.prepare('INSERT INTO templates VALUES (?,?,?,?,?,?)');
			for (const {nt, reqs} of custom) {
				addNt.run(nt.id, nt.name, nt.mtimeSecs, nt.usn, notetypeConfigBlob(nt, reqs));
				for (const f of nt.fields) addField.run(nt.id, f.ord, f.name, fieldConfigBlob(f));
				for (const t of nt.templates) addTemplate.run(nt.id, t.ord, t.name, nt.mtimeSecs, nt.usn, templateConfigBlob(t));
			}
			const addDeck = db.prepare('INSERT INTO decks VALUES (?,?,?,?,?,?)');
			for (const d of deckRows) {
				addDeck.run(d.id, d.name.replaceAll('::', '\u001f'), d.mtimeSecs, d.usn, deckCommonBlob(d.collapsed, d.browserCollapsed), deckKindWithDescription(d.normal!.configId, d.description));
			}
			const addTag = db.prepare('INSERT INTO tags (tag, usn, collapsed, config) VALUES (?, 0, 0, NULL)');
			for (const t of tags) addTag.run(t);
		}
		db.prepare('UPDATE col SET mod = ?').run(createdMs + 60_000);
	})();
	db.close();
}

function deckKindWithDescription(configId: number, description: string): Uint8Array {
	// Deck.Normal{config_id = 1, description = 4}: append the description to the stock kind blob.
	const plain = normalDeckKindBlob(configId);
	if (!description) return plain;
	const text = Buffer.from(description, 'utf8');
	const inner = Buffer.concat([Buffer.from(plain.subarray(2)), Buffer.from([0x22]), varint(text.length), text]);
	return Buffer.concat([Buffer.from([0x0a]), varint(inner.length), inner]);
}

function varint(n: number): Buffer {
	const out: number[] = [];
	while (n > 0x7f) {
		out.push((n & 0x7f) | 0x80);
		n >>>= 7;
	}
	out.push(n);
	return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------
// Packages

const work = mkdtempSync(path.join(tmpdir(), 'anki-tui-fixtures-'));
const zipTime = new Date(2026, 0, 5, 9, 0, 0);

function build(schema: 11 | 18, name: string, journalMode: 'wal' | 'delete' = 'delete'): string {
	const file = path.join(work, name);
	createCollection(file, {schema, now: createdMs, minutesWest: source.minutesWest, idSeed, journalMode});
	fillCollection(file, schema);
	return file;
}

function dummy(): string {
	// What modern Anki puts beside the real collection for old clients (colpkg/export.rs).
	const file = path.join(work, "dummy.anki2");
	const made = createCollection(file, {schema: 11, now: createdMs, minutesWest: source.minutesWest, idSeed, pageSize: 512});
	const db = new Database(file);
	const text = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.';
	const nid = createdMs + 5;
	db.prepare('INSERT INTO notes VALUES (?,?,?,?,0,?,?,?,?,0,?)').run(nid, guidFor('dummy'), made.basicNotetypeId, createdSecs, '', `${text}\u001f`, text, checksum(text), '');
	db.prepare('INSERT INTO cards VALUES (?,?,1,0,?,0,0,0,1,0,0,0,0,0,0,0,0,?)').run(nid + 1, nid, createdSecs, '');
	db.close();
	return file;
}

async function main(): Promise<void> {
	const s11 = build(11, 'schema11.anki2');
	const s18 = build(18, 'schema18.anki2');
	copyFileSync(s11, path.join(outDir, 'schema11.anki2'));
	copyFileSync(s18, path.join(outDir, 'schema18.anki2'));
	// Anki's exported anki21b keeps WAL in its header (the exporter only switches legacy files to delete).
	const anki21b = path.join(work, 'anki21b.anki2');
	copyFileSync(s18, anki21b);
	const w = new Database(anki21b);
	w.pragma('journal_mode = wal');
	w.close();
	const dummyFile = dummy();
	// The Python-era layouts stamp entries with the files' own mtime and mode: pin both.
	for (const f of [s11, anki21b, dummyFile]) {
		chmodSync(f, 0o644);
		utimesSync(f, zipTime, zipTime);
	}
	const mediaFiles = media.map(m => ({name: m.name, data: m.data}));
	const common = {dummyCollectionFile: dummyFile, media: mediaFiles, now: zipTime};
	await writePackage(path.join(outDir, 'anki2.apkg'), {...common, generation: 'anki2', kind: 'apkg', collectionFile: s11});
	await writePackage(path.join(outDir, 'anki21.apkg'), {...common, generation: 'anki21', kind: 'apkg', collectionFile: s11});
	await writePackage(path.join(outDir, 'legacy2.apkg'), {...common, generation: 'legacy2', kind: 'apkg', collectionFile: s11});
	await writePackage(path.join(outDir, 'latest.apkg'), {...common, generation: 'latest', kind: 'apkg', collectionFile: anki21b});
	await writePackage(path.join(outDir, 'latest.colpkg'), {...common, generation: 'latest', kind: 'colpkg', collectionFile: anki21b});
	mkdirSync(path.join(outDir, 'demo'), {recursive: true});
	await writePackage(path.join(outDir, 'demo', 'demo.apkg'), {...common, generation: 'latest', kind: 'apkg', collectionFile: anki21b});
	rmSync(work, {recursive: true, force: true});
	console.log(`fixtures: ${notes.length} notes, ${cards.length} cards, ${revlog.length} reviews, ${media.length} media files -> ${path.relative(root, outDir)}/`);
}

await main();
