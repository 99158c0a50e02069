// Incremental sync, step by step as Anki's client does it: start/graves, small objects, the
// server's chunks, ours, sanity check, finish. Everything local happens in one SQLite transaction
// committed only after `finish`, so an interrupted sync leaves the collection as it was; the
// server's half-applied rows are resent (same ids, same usn) by the next sync.
import type {Collection} from '../collection/types.js';
import {SyncError} from '../errors.js';
import type {CancelToken, ProgressFn} from './progress.js';
import type {SyncServer} from './remote.js';
import {chunkGraves, type SyncStorage} from './storage.js';
import type {ServerMeta} from './wire-types.js';

export interface IncrementalOptions {
	now: () => number;
	progress: ProgressFn;
	cancel?: CancelToken;
}

export interface IncrementalStats {
	sentRows: number;
	receivedRows: number;
	sentGraves: number;
	receivedGraves: number;
	serverMod: number;
}

/** Thrown inside the transaction to roll it back when the server's sanity check fails. */
class SanityCheckFailed extends Error {}

export async function incrementalSync(
	col: Collection,
	storage: SyncStorage,
	server: SyncServer,
	meta: ServerMeta,
	options: IncrementalOptions,
): Promise<IncrementalStats> {
	const local = storage.colState();
	const lnewer = local.mod > meta.mod;
	const minUsn = local.usn;
	const maxUsn = meta.usn;
	const stats: IncrementalStats = {sentRows: 0, receivedRows: 0, sentGraves: 0, receivedGraves: 0, serverMod: 0};
	const checkCancel = () => {
		if (options.cancel?.cancelled) throw new SyncError('Sync interrupted; the collection is unchanged, run the sync again');
	};

	const problem = storage.basicCheck();
	if (problem) throw new SyncError(`The collection needs repair before syncing (${problem}); run Check Database in Anki`);

	// Set once the server has been told a sync started: a failure after that aborts it there.
	let started = false;
	try {
		return await col.transactionAsync(async () => {
			started = true;
			options.progress('Exchanging deletions');
			const remoteGraves = await server.start(minUsn, lnewer);
			checkCancel();
			const localGraves = storage.takePendingGraves(maxUsn);
			for (const chunk of chunkGraves(localGraves)) {
				await server.applyGraves(chunk);
				checkCancel();
			}
			stats.sentGraves = localGraves.cards.length + localGraves.notes.length + localGraves.decks.length;
			storage.applyRemoteGraves(remoteGraves);
			stats.receivedGraves = remoteGraves.cards.length + remoteGraves.notes.length + remoteGraves.decks.length;

			options.progress('Exchanging notetypes, decks and tags');
			const remoteChanges = await server.applyChanges(storage.takeLocalChanges(maxUsn, lnewer));
			checkCancel();
			storage.mergeRemoteChanges(remoteChanges, maxUsn);

			options.progress('Receiving reviews, cards and notes');
			for (;;) {
				const chunk = await server.chunk();
				checkCancel();
				storage.applyRemoteChunk(chunk);
				stats.receivedRows += (chunk.revlog?.length ?? 0) + (chunk.cards?.length ?? 0) + (chunk.notes?.length ?? 0);
				options.progress(`Received ${stats.receivedRows} rows`);
				if (chunk.done) break;
			}

			options.progress('Sending reviews, cards and notes');
			const chunks = storage.chunks(maxUsn);
			for (let next = chunks.next(); !next.done; next = chunks.next()) {
				const chunk = next.value;
				await server.applyChunk(chunk);
				checkCancel();
				stats.sentRows += (chunk.revlog?.length ?? 0) + (chunk.cards?.length ?? 0) + (chunk.notes?.length ?? 0);
				options.progress(`Sent ${stats.sentRows} rows`);
			}

			options.progress('Checking');
			const result = await server.sanityCheck(storage.sanityCounts(options.now()));
			if (result.status !== 'ok') throw new SanityCheckFailed();
			checkCancel();
			const serverMod = await server.finish();
			storage.finishSync(serverMod, maxUsn);
			stats.serverMod = serverMod;
			return stats;
		});
	} catch (error) {
		if (error instanceof SanityCheckFailed) {
			// As Anki: undo everything (rolled back above), then force a full sync next time.
			// Anki 2.1.12 sends no abort here (the recorded trace ends with the next meta).
			col.transaction(() => storage.markSchemaModified(options.now()));
			throw new SyncError(
				'The server and the collection disagree after syncing (sanity check failed); the next sync must be a full sync (--upload or --download)',
			);
		}
		if (started) await server.abort();
		throw error;
	}
}
