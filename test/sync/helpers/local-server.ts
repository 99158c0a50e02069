// A small, stateful sync server for round-trip tests, on 127.0.0.1 only. It keeps one schema-11
// collection file and a media folder and follows the server side of the protocol as ankisyncd and
// Anki's server do (rows with usn >= minUsn are "changed here"; finish bumps usn). It speaks both
// framings: legacy multipart (+gzip) and v11 (anki-sync header, zstd both ways).
import Database from 'better-sqlite3';
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {isDeepStrictEqual} from 'node:util';
import {readZip, writeStoredZip} from '../../../source/core/sync/media-zip.js';
import {zstdDecompress} from '../../../source/core/zstd/decode.js';
import {zstdCompress} from '../../../source/core/zstd/encode.js';
import {fieldCache} from '../../../source/core/sync/field-cache.js';
import {parseLegacyRequest} from './replay-server.js';
import {loadUnicase, unicaseAvailable} from '../../../source/core/collection/unicase.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LocalServerOptions {
	dir: string;
	/** Collection the server starts with (copied); an empty one makes an "empty server". */
	initialCollection: string;
	user?: string;
	password?: string;
	/** Answer this status for this method (once per listed call). */
	failures?: Array<{method: string; status: number; body?: string}>;
	/**
	 * Takes over the raw HTTP reply to a method (a hostile or broken server: an oversized, cut-off
	 * or malformed body); return true when it answered.
	 */
	respond?: (method: string, res: http.ServerResponse, v11: boolean) => boolean;
	/** Called before each method is handled (tests use it to interrupt a client). */
	beforeMethod?: (method: string) => void;
	/** Protocol versions accepted in meta; default 8..11. */
	maxLegacyVersion?: number;
	/** As Anki's server for a collection with the v2 timezone: versions below this are refused. */
	minVersion?: number;
}

export interface LocalServer {
	url: string;
	collectionPath: string;
	mediaFolder: string;
	calls: string[];
	/** Framing seen per call: 'legacy' or 'v11'. */
	framings: string[];
	close(): Promise<void>;
}

interface Session {
	minUsn: number;
	lnewer: boolean;
	maxUsn: number;
	tables: string[];
	pending: unknown[][] | undefined;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
	const user = options.user ?? 'user';
	const password = options.password ?? 'pass';
	const hkey = createHash('sha1').update(`${user}:${password}`).digest('hex');
	const collectionPath = path.join(options.dir, 'server.anki2');
	copyFileSync(options.initialCollection, collectionPath);
	const mediaFolder = path.join(options.dir, 'server-media');
	mkdirSync(mediaFolder, {recursive: true});
	const media = new Map<string, {usn: number; csum: string}>();
	let mediaUsn = 0;
	let session: Session | undefined;
	const calls: string[] = [];
	const framings: string[] = [];
	const failures = [...(options.failures ?? [])];

	const open = () => new Database(collectionPath);

	const handlers: Record<string, (input: Json, raw: Buffer | undefined, v11: boolean) => unknown> = {
		meta(input, _raw, v11) {
			const v = Number(input.v);
			if (v > (options.maxLegacyVersion ?? 11)) {
				return {cont: false, msg: `Your client is using unsupported sync protocol (${v}, supported version: ${options.maxLegacyVersion})`};
			}
			if (v < (options.minVersion ?? 8)) return {cont: false, msg: 'Your client does not support the v2 timezone; please upgrade.'};
			const db = open();
			try {
				const col = db.prepare('select mod, scm, usn from col').get() as Json;
				const empty = !db.prepare('select 1 from cards limit 1').get();
				session = undefined;
				const base = {mod: col.mod, scm: col.scm, usn: col.usn, ts: Math.floor(Date.now() / 1000), msg: '', cont: true};
				return v11 ? {...base, hostNum: 0, empty, media_usn: mediaUsn} : {...base, musn: mediaUsn};
			} finally {
				db.close();
			}
		},
		start(input) {
			const db = open();
			try {
				const usn = db.prepare('select usn from col').pluck().get() as number;
				session = {minUsn: input.minUsn, lnewer: input.lnewer, maxUsn: usn, tables: ['revlog', 'cards', 'notes'], pending: undefined};
				const graves = {cards: [] as number[], notes: [] as number[], decks: [] as number[]};
				for (const [oid, type] of db.prepare('select oid, type from graves where usn >= ?').raw().all(input.minUsn) as number[][]) {
					(type === 0 ? graves.cards : type === 1 ? graves.notes : graves.decks).push(oid);
				}
				return graves;
			} finally {
				db.close();
			}
		},
		applyGraves(input) {
			const s = needSession();
			const db = open();
			try {
				db.transaction(() => {
					for (const id of input.chunk.notes ?? []) {
						db.prepare('delete from notes where id = ?').run(id);
						db.prepare('insert into graves values (?, ?, 1)').run(s.maxUsn, id);
					}
					for (const id of input.chunk.cards ?? []) {
						db.prepare('delete from cards where id = ?').run(id);
						db.prepare('insert into graves values (?, ?, 0)').run(s.maxUsn, id);
					}
				})();
				return null;
			} finally {
				db.close();
			}
		},
		applyChanges(input) {
			const s = needSession();
			const db = open();
			try {
				const row = db.prepare('select models, decks, dconf, tags, conf, crt from col').get() as Json;
				const models = JSON.parse(row.models) as Json;
				const decks = JSON.parse(row.decks) as Json;
				const dconf = JSON.parse(row.dconf) as Json;
				const tags = JSON.parse(row.tags) as Record<string, number>;
				const changed = (map: Json) => Object.values(map).filter((o: Json) => o.usn >= s.minUsn);
				const answer: Json = {
					models: changed(models),
					decks: [changed(decks), changed(dconf)],
					tags: Object.keys(tags).filter(t => tags[t] >= s.minUsn),
				};
				if (!s.lnewer) {
					answer.conf = JSON.parse(row.conf);
					answer.crt = row.crt;
				}
				const theirs = input.changes as Json;
				const merge = (map: Json, incoming: Json[]) => {
					for (const o of incoming ?? []) if (!map[String(o.id)] || o.mod > map[String(o.id)].mod) map[String(o.id)] = o;
				};
				merge(models, theirs.models);
				merge(decks, theirs.decks?.[0]);
				merge(dconf, theirs.decks?.[1]);
				for (const t of theirs.tags ?? []) if (!(t in tags)) tags[t] = s.maxUsn;
				db.prepare('update col set models = ?, decks = ?, dconf = ?, tags = ?').run(
					JSON.stringify(models),
					JSON.stringify(decks),
					JSON.stringify(dconf),
					JSON.stringify(tags),
				);
				if (theirs.conf) db.prepare('update col set conf = ?').run(JSON.stringify(theirs.conf));
				if (theirs.crt) db.prepare('update col set crt = ?').run(theirs.crt);
				return answer;
			} finally {
				db.close();
			}
		},
		chunk() {
			const s = needSession();
			const db = open();
			try {
				const chunk: Json = {done: false};
				let room = 250;
				const queries: Record<string, string> = {
					revlog: `select id, cid, ${s.maxUsn}, ease, ivl, lastIvl, factor, time, type from revlog where usn >= ${s.minUsn}`,
					cards: `select id, nid, did, ord, mod, ${s.maxUsn}, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards where usn >= ${s.minUsn}`,
					notes: `select id, guid, mid, mod, ${s.maxUsn}, tags, flds, '', '', flags, data from notes where usn >= ${s.minUsn}`,
				};
				while (s.tables.length && room) {
					const table = s.tables[0];
					s.pending ??= db.prepare(queries[table]).raw().all() as unknown[][];
					const rows = s.pending.splice(0, room);
					chunk[table] = rows;
					if (rows.length !== room) {
						s.tables.shift();
						s.pending = undefined;
					}
					room -= rows.length;
				}
				chunk.done = s.tables.length === 0;
				return chunk;
			} finally {
				db.close();
			}
		},
		applyChunk(input) {
			const s = needSession();
			const db = open();
			try {
				const chunk = input.chunk as Json;
				const models = JSON.parse(db.prepare('select models from col').pluck().get() as string) as Json;
				const newer = (table: string, rows: unknown[][], modIndex: number) =>
					rows.filter(r => {
						const local = db.prepare(`select mod from ${table} where id = ? and usn >= ?`).pluck().get(r[0], s.minUsn) as number | undefined;
						return local === undefined || local < Number(r[modIndex]);
					});
				db.transaction(() => {
					for (const r of chunk.revlog ?? []) db.prepare('insert or ignore into revlog values (?,?,?,?,?,?,?,?,?)').run(...r);
					for (const r of newer('cards', chunk.cards ?? [], 4)) db.prepare('insert or replace into cards values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').run(...r);
					for (const r of newer('notes', chunk.notes ?? [], 3)) {
						const {sfld, csum} = fieldCache(String(r[6]).split('\x1f'), Number(models[String(r[2])]?.sortf ?? 0));
						db.prepare('insert or replace into notes values (?,?,?,?,?,?,?,?,?,?,?)').run(...r.slice(0, 7), sfld, csum, ...r.slice(9));
					}
				})();
				return null;
			} finally {
				db.close();
			}
		},
		sanityCheck2(input) {
			needSession();
			const db = open();
			try {
				const count = (t: string) => db.prepare(`select count() from ${t}`).pluck().get();
				const row = db.prepare('select models, decks, dconf from col').get() as Json;
				const n = (json: string) => Object.keys(JSON.parse(json)).length;
				// Like Anki's server: the due counts and graves are not compared.
				const server = [input.client[0], count('cards'), count('notes'), count('revlog'), input.client[4], n(row.models), n(row.decks), n(row.dconf)];
				return isDeepStrictEqual(server, input.client) ? {status: 'ok'} : {status: 'bad', c: input.client, s: server};
			} finally {
				db.close();
			}
		},
		finish() {
			needSession();
			const db = open();
			try {
				const mod = Date.now();
				db.prepare('update col set mod = ?, ls = ?, usn = usn + 1').run(mod, mod);
				session = undefined;
				return mod;
			} finally {
				db.close();
			}
		},
		upload(_input, raw) {
			const temp = `${collectionPath}.tmp`;
			writeFileSync(temp, raw ?? Buffer.alloc(0));
			try {
				const db = new Database(temp, {readonly: true});
				if (unicaseAvailable()) loadUnicase(db); // schema 18 uploads (v11) use Anki's collation
				const ok = db.pragma('integrity_check', {simple: true}) === 'ok';
				db.close();
				if (!ok) throw new Error('corrupt');
			} catch {
				rmSync(temp, {force: true});
				return 'Your upload was corrupt.';
			}
			copyFileSync(temp, collectionPath);
			rmSync(temp, {force: true});
			return 'OK';
		},
		download() {
			const db = open();
			db.prepare('update col set usn = usn') .run();
			db.close();
			return readFileSync(collectionPath);
		},
		begin(input, _raw, v11) {
			// Anki's server needs the client version: the `v` form field, or `v` in the v11 JSON.
			if (v11 && !input.v) throw Object.assign(new Error('missing client version'), {status: 400});
			return {data: {sk: 'media-sk', usn: mediaUsn}, err: ''};
		},
		mediaChanges(input) {
			const list = [...media.entries()].filter(([, e]) => e.usn > input.lastUsn).sort((a, b) => a[1].usn - b[1].usn);
			return {data: list.map(([fname, e]) => [fname, e.usn, e.csum]), err: ''};
		},
		async uploadChanges(_input, raw) {
			const members = await readZip(raw!);
			const meta = JSON.parse(members.get('_meta')!.toString()) as Array<[string, string | null]>;
			for (const [fname, member] of meta) {
				mediaUsn++;
				if (member) {
					const data = members.get(member)!;
					writeFileSync(path.join(mediaFolder, fname), data);
					media.set(fname, {usn: mediaUsn, csum: createHash('sha1').update(data).digest('hex')});
				} else {
					rmSync(path.join(mediaFolder, fname), {force: true});
					media.set(fname, {usn: mediaUsn, csum: ''});
				}
			}
			return {data: [meta.length, mediaUsn], err: ''};
		},
		downloadFiles(input) {
			const entries = (input.files as string[]).map((fname, i) => ({name: String(i), data: readFileSync(path.join(mediaFolder, fname))}));
			const meta = Object.fromEntries((input.files as string[]).map((fname, i) => [String(i), fname]));
			return writeStoredZip([...entries, {name: '_meta', data: Buffer.from(JSON.stringify(meta))}]);
		},
		mediaSanity(input) {
			const files = readdirSync(mediaFolder).length;
			return {data: files === input.local ? 'OK' : 'FAILED', err: ''};
		},
	};

	function needSession(): Session {
		if (!session) throw Object.assign(new Error('no session'), {status: 400});
		return session;
	}

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const body = Buffer.concat(chunks);
				const method = (req.url ?? '').split('/').pop() ?? '';
				const header = req.headers['anki-sync'];
				const v11 = typeof header === 'string';
				calls.push(method);
				framings.push(v11 ? 'v11' : 'legacy');
				let key: string | undefined;
				let raw: Buffer | undefined;
				if (v11) {
					const parsed = JSON.parse(header) as Json;
					key = parsed.k;
					raw = zstdDecompress(body);
				} else {
					const request = parseLegacyRequest(req.url ?? '', req.headers, body);
					key = request.fields.k ?? (request.fields.sk === 'media-sk' ? hkey : undefined);
					raw = request.data;
				}
				const send = (status: number, payload: Buffer) => {
					if (v11 && status === 200) {
						res.writeHead(200, {'anki-original-size': String(payload.length), 'Content-Type': 'application/octet-stream'});
						res.end(zstdCompress(payload));
					} else {
						res.writeHead(status, {'Content-Type': 'text/plain', 'Content-Length': String(payload.length)});
						res.end(payload);
					}
				};
				try {
					options.beforeMethod?.(method);
					if (options.respond?.(method, res, v11)) return;
					const failure = failures.findIndex(f => f.method === method);
					if (failure !== -1) {
						const f = failures.splice(failure, 1)[0];
						return send(f.status, Buffer.from(f.body ?? `HTTP ${f.status}`));
					}
					const input = (raw && method !== 'upload' && method !== 'uploadChanges' ? JSON.parse(raw.toString() || '{}') : {}) as Json;
					if (method === 'hostKey') {
						if (input.u !== user || input.p !== password) return send(403, Buffer.from('Forbidden'));
						return send(200, Buffer.from(JSON.stringify({key: hkey})));
					}
					const handler = handlers[method];
					if (!handler) return send(404, Buffer.from('Not Found'));
					if (key !== hkey) return send(403, Buffer.from('Forbidden'));
					const result = await handler(input, raw, v11);
					if (Buffer.isBuffer(result)) return send(200, result);
					if (typeof result === 'string' && method === 'upload') return send(200, Buffer.from(result));
					return send(200, Buffer.from(JSON.stringify(result)));
				} catch (error) {
					const status = (error as {status?: number}).status ?? 500;
					return send(status, Buffer.from(String((error as Error).message)));
				}
			})();
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		collectionPath,
		mediaFolder,
		calls,
		framings,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function existsIn(folder: string, name: string): boolean {
	return existsSync(path.join(folder, name));
}
