// Full sync: replace the server's collection with ours (upload) or ours with the server's
// (download). Both work on a separate file and swap it in only when everything checked out, so
// a failure leaves the local collection as it was.
import type Database from 'better-sqlite3';
import {openDatabase} from '../collection/sqlite.js';
import {copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {SyncError} from '../errors.js';
import {formatSize} from '../format-size.js';
import type {ProgressFn} from './progress.js';
import type {SyncServer} from './remote.js';
import {openCollection} from '../collection/open.js';
import {loadUnicase, unicaseAvailable} from '../collection/unicase.js';
import type {Collection} from '../collection/types.js';
import {writeSchema11Copy} from './downgrade.js';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function removeSideFiles(file: string): void {
	for (const suffix of SIDE_FILES) rmSync(file + suffix, {force: true});
}

/**
 * Anki's bookkeeping before a full upload: pending usns to 0, every notetype/deck/config/tag usn
 * to 0, graves dropped, col.usn + 1, scm = now, ls = scm, mod = now (scm is taken first and mod
 * at the save that follows, as Anki does; one clock reading serves both here). Callers run it in
 * their write transaction (the local collection's takes the backup first).
 */
export function applyUploadBookkeeping(db: Database.Database, nowMs: number): void {
	const ver = db.prepare('select ver from col').pluck().get() as number;
	for (const table of ['notes', 'cards', 'revlog']) db.prepare(`update ${table} set usn = 0 where usn = -1`).run();
	db.prepare('delete from graves').run();
	if (ver === 11) {
		const row = db.prepare('select models, decks, dconf, tags from col').get() as Record<string, string>;
		const zeroUsn = (json: string) => {
			const map = JSON.parse(json || '{}') as Record<string, {usn: number}>;
			for (const obj of Object.values(map)) obj.usn = 0;
			return JSON.stringify(map);
		};
		const tags = JSON.parse(row.tags || '{}') as Record<string, number>;
		for (const tag of Object.keys(tags)) tags[tag] = 0;
		db.prepare('update col set models = ?, decks = ?, dconf = ?, tags = ?').run(
			zeroUsn(row.models),
			zeroUsn(row.decks),
			zeroUsn(row.dconf),
			JSON.stringify(tags),
		);
	} else {
		for (const table of ['notetypes', 'templates', 'decks', 'deck_config', 'tags', 'config']) db.prepare(`update ${table} set usn = 0`).run();
	}
	db.prepare('update col set usn = usn + 1, scm = ?, ls = ?, mod = ?').run(nowMs, nowMs, nowMs);
}

export interface LocalCollection {
	collection: Collection;
	ver: number;
}

/**
 * Writes the file to upload: a vacuumed copy of the collection (schema 11 when `downgrade`),
 * with the upload bookkeeping applied, in rollback-journal mode.
 */
export function prepareUploadCopy(local: LocalCollection, target: string, nowMs: number, downgrade: boolean): void {
	rmSync(target, {force: true});
	const {db, adapter} = local.collection;
	if (db.pragma('integrity_check', {simple: true}) !== 'ok') {
		throw new SyncError('The collection is damaged (integrity check failed); run Check Database in Anki before uploading');
	}
	if (downgrade) writeSchema11Copy(db, adapter, target, nowMs);
	else db.prepare('vacuum into ?').run(target);
	// Schema 18 files use the unicase collation, which openCollection provides.
	const copy = downgrade || local.ver === 11 ? {db: openDatabase(target), close() { this.db.close(); }} : openCollection(target, {privateCopy: true}); // our temp file: no backup
	try {
		copy.db.transaction(() => applyUploadBookkeeping(copy.db, nowMs))();
		copy.db.pragma('journal_mode = delete');
		// VACUUM INTO already wrote a compact file; Anki's vacuum before upload would change nothing.
		copy.db.exec('analyze');
	} finally {
		copy.close();
	}
}

export async function fullUpload(
	local: LocalCollection,
	server: SyncServer,
	options: {now: () => number; progress: ProgressFn},
): Promise<void> {
	const prepared = `${local.collection.path}.upload-tmp`;
	// The legacy wire carries schema 11 only; v11 servers take the collection as it is.
	const downgrade = local.ver !== 11 && server.protocol !== 11;
	const nowMs = options.now();
	try {
		options.progress(downgrade ? 'Preparing a schema 11 copy for upload' : 'Preparing the collection for upload');
		prepareUploadCopy(local, prepared, nowMs, downgrade);
		const bytes = readFileSync(prepared);
		options.progress(`Uploading ${formatSize(bytes.length)}`);
		await server.upload(bytes);
		// The server now holds our rows with this bookkeeping; record the same locally.
		local.collection.transaction(() => applyUploadBookkeeping(local.collection.db, nowMs));
	} finally {
		rmSync(prepared, {force: true});
	}
}

export interface DownloadResult {
	backupPath: string | undefined;
	bytes: number;
}

/** Checks a downloaded file before it may replace anything. Returns its schema version. */
export function verifyDownloadedCollection(file: string): number {
	let db: Database.Database | undefined;
	try {
		db = openDatabase(file, {readonly: true, fileMustExist: true});
		// v11 servers send schema 18, whose indexes use Anki's unicase collation.
		if (unicaseAvailable()) loadUnicase(db);
		if (db.pragma('integrity_check', {simple: true}) !== 'ok') throw new Error('integrity');
		const ver = db.prepare('select ver from col').pluck().get() as number;
		db.prepare('select count() from cards').get();
		return ver;
	} catch {
		throw new SyncError('The server sent a damaged collection; the local collection was left unchanged');
	} finally {
		db?.close();
	}
}

export async function fullDownload(
	collectionPath: string,
	server: SyncServer,
	options: {now: () => number; progress: ProgressFn; closeLocal: () => void; maxSchema?: number},
): Promise<DownloadResult> {
	const incoming = `${collectionPath}.download-tmp`;
	try {
		options.progress('Downloading the collection');
		// Streamed to disk, never whole in memory; a reply over the cap or cut off leaves no file.
		const bytes = await server.downloadTo(incoming);
		options.progress(`Checking the download (${formatSize(bytes)})`);
		const ver = verifyDownloadedCollection(incoming);
		if (options.maxSchema !== undefined && ver > options.maxSchema) {
			throw new SyncError(`The server sent a schema ${ver} collection, which anki-tui cannot open yet`);
		}
		if (server.protocol === 11) {
			// The v11 client marks the fresh copy as in sync: ls = mod.
			const db = openDatabase(incoming);
			try {
				db.prepare('update col set ls = mod').run();
			} finally {
				db.close();
			}
		}
		options.closeLocal();
		const backupPath = existsSync(collectionPath) ? backup(collectionPath, options.now()) : undefined;
		removeSideFiles(collectionPath);
		renameSync(incoming, collectionPath);
		return {backupPath, bytes};
	} finally {
		rmSync(incoming, {force: true});
	}
}

/** Keeps the replaced collection in `backups/` beside it. */
function backup(collectionPath: string, nowMs: number): string {
	const dir = path.join(path.dirname(collectionPath), 'backups');
	mkdirSync(dir, {recursive: true});
	const stamp = new Date(nowMs).toISOString().replace(/[:]/g, '.').replace(/\..{3}Z$/, '');
	const target = path.join(dir, `${path.basename(collectionPath, path.extname(collectionPath))}-before-download-${stamp}${path.extname(collectionPath)}`);
	copyFileSync(collectionPath, target);
	return target;
}

