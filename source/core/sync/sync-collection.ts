// One sync run: meta, then nothing / incremental / full (upload or download), then media.
// This is the entry point the command (and any UI) calls.
import {openCollection} from '../collection/open.js';
import type {Collection} from '../collection/types.js';
import {AnkiTuiError, SyncError} from '../errors.js';
import type {SyncLimits} from './limits.js';
import {fullDownload, fullUpload} from './full.js';
import {incrementalSync, type IncrementalStats} from './incremental.js';
import {mediaSync, type MediaStats} from './media.js';
import {silentProgress, type CancelToken, type ProgressFn} from './progress.js';
import {SyncServer, type SyncProtocol} from './remote.js';
import type {SyncStorage} from './storage.js';
import {Schema11Storage} from './storage11.js';
import {Schema18Storage} from './storage18.js';
import type {ServerMeta} from './wire-types.js';

export type FullSyncDirection = 'upload' | 'download';

export interface SyncRequest {
	collectionPath: string;
	/** Base URL ending in `/` (see normaliseEndpoint). */
	endpoint: string;
	hkey: string;
	/** 'auto' speaks the legacy protocol: v10, falling back to v9 for ankisyncd 2.2. */
	protocol: SyncProtocol | 'auto';
	/** In auto mode, the legacy version to try first (the one that worked last time). */
	preferredLegacy?: 9 | 10;
	/** Permission to resolve a full sync in this direction when both sides changed. */
	fullSync?: FullSyncDirection;
	/** Asked when both sides changed and no direction was given (a TTY prompt); undefined = refuse. */
	chooseFullSync?: () => Promise<FullSyncDirection | undefined>;
	media?: boolean;
	now?: () => number;
	progress?: ProgressFn;
	cancel?: CancelToken;
	timeoutMs?: number;
	/** Caps on what the server may send (default: defaultSyncLimits). */
	limits?: Partial<SyncLimits>;
}

export type SyncOutcome = 'noChanges' | 'incremental' | 'fullUpload' | 'fullDownload';

export interface SyncReport {
	outcome: SyncOutcome;
	protocol: SyncProtocol;
	/** Set when the server redirected us; callers store it. */
	endpoint: string;
	incremental?: IncrementalStats;
	backupPath?: string;
	media?: MediaStats;
	serverMessage?: string;
}

const MAX_CLOCK_SKEW_SECS = 300;

/**
 * Connects and asks for meta. 'auto' speaks the legacy protocol, starting with `preferred`
 * (default 10); when the server refuses that version (cont: false, e.g. ankisyncd 2.2's
 * "unsupported sync protocol (10, supported version: 9)"), it tries the other one once.
 */
export async function connectAndMeta(
	base: {endpoint: string; hkey: string; timeoutMs?: number; limits?: Partial<SyncLimits>},
	protocol: SyncProtocol | 'auto',
	preferred: 9 | 10 = 10,
): Promise<{server: SyncServer; meta: ServerMeta}> {
	const first = protocol === 'auto' ? preferred : protocol;
	let server = new SyncServer({...base, protocol: first});
	let meta = await server.meta();
	if (protocol === 'auto' && !meta.cont) {
		const retry = new SyncServer({...base, endpoint: server.endpoint, protocol: first === 10 ? 9 : 10});
		const second = await retry.meta();
		if (second.cont) {
			server = retry;
			meta = second;
		}
	}
	if (!meta.cont) throw new SyncError(`The server refused to sync: ${meta.msg || 'no reason given'}`);
	return {server, meta};
}

export async function syncCollection(request: SyncRequest): Promise<SyncReport> {
	const now = request.now ?? Date.now;
	const progress = request.progress ?? silentProgress;
	progress('Connecting');
	const {server, meta} = await connectAndMeta(request, request.protocol, request.preferredLegacy);
	const skew = Math.abs(meta.ts - now() / 1000);
	if (skew > MAX_CLOCK_SKEW_SECS) {
		throw new SyncError(
			`This computer's clock differs from the server's by ${Math.round(skew / 60)} minutes; fix the clock and sync again`,
		);
	}

	let col: Collection | undefined = openForSync(request.collectionPath);
	const closeLocal = () => {
		col?.close();
		col = undefined;
	};
	const report: SyncReport = {
		outcome: 'noChanges',
		protocol: server.protocol,
		endpoint: server.endpoint,
		serverMessage: meta.msg || undefined,
	};
	try {
		const storage = storageFor(col);
		const local = storage.colState();
		if (local.mod === meta.mod) {
			report.outcome = 'noChanges';
		} else if (local.scm !== meta.scm) {
			const direction = await chooseDirection(request, meta, storage.isEmpty());
			if (direction === 'upload') {
				await fullUpload({collection: col, ver: local.ver}, server, {now, progress});
				report.outcome = 'fullUpload';
			} else {
				const result = await fullDownload(request.collectionPath, server, {now, progress, closeLocal});
				report.outcome = 'fullDownload';
				report.backupPath = result.backupPath;
			}
		} else {
			report.incremental = await incrementalSync(col, storage, server, meta, {now, progress, cancel: request.cancel});
			report.outcome = 'incremental';
		}
	} finally {
		closeLocal();
	}

	if (request.media !== false) {
		report.media = await mediaSync(request.collectionPath, server, meta.mediaUsn, {progress, cancel: request.cancel});
	}
	report.endpoint = server.endpoint;
	progress('Done');
	return report;
}

function openForSync(collectionPath: string): Collection {
	try {
		return openCollection(collectionPath);
	} catch (error) {
		if (error instanceof AnkiTuiError) throw error;
		throw new SyncError(`Cannot open ${collectionPath} for syncing: ${(error as Error).message}`);
	}
}

function storageFor(col: Collection): SyncStorage {
	const ver = col.db.prepare('select ver from col').pluck().get() as number;
	if (ver === 11) return new Schema11Storage(col.db);
	if (ver >= 15) return new Schema18Storage(col.db, col.adapter, ver);
	// Schema 14 keeps notetypes and decks in col JSON but the rest in tables; only full syncs.
	return new (class extends Schema11Storage {
		override basicCheck(): string | null {
			throw new SyncError(`Incremental sync of schema ${ver} collections is not supported; open it once in a current Anki, or use --upload/--download`);
		}
	})(col.db);
}

async function chooseDirection(request: SyncRequest, meta: ServerMeta, localEmpty: boolean): Promise<FullSyncDirection> {
	// ankisyncd sends no `empty`: a fresh account is the only one at usn 0.
	const serverEmpty = meta.empty ?? meta.usn === 0;
	let automatic: FullSyncDirection | undefined;
	if (serverEmpty) automatic = 'upload';
	else if (localEmpty) automatic = 'download';
	if (automatic) {
		if (request.fullSync && request.fullSync !== automatic) {
			const side = automatic === 'upload' ? 'the server has no cards' : 'this collection has no cards';
			throw new SyncError(`Refusing to ${request.fullSync}: ${side}, so the only safe full sync is ${automatic}`);
		}
		return automatic;
	}
	if (request.fullSync) return request.fullSync;
	const chosen = request.chooseFullSync ? await request.chooseFullSync() : undefined;
	if (chosen) return chosen;
	throw new SyncError(
		'The collection and the server have both changed in ways that need a full sync: rerun with --upload (replace the server copy) or --download (replace this one)',
	);
}
