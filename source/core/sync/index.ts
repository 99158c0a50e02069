// Public surface of sync for the rest of anki-tui (commands, UI). React-free.
export {syncCollection, connectAndMeta} from './sync-collection.js';
export type {SyncRequest, SyncReport, SyncOutcome, FullSyncDirection} from './sync-collection.js';
export {SyncServer} from './remote.js';
export type {SyncProtocol, RemoteOptions} from './remote.js';
export {loadSyncLogin, saveSyncLogin, SYNC_CONFIG_FILE} from './config.js';
export type {SavedSyncLogin} from './config.js';
export {normaliseEndpoint} from './transport.js';
export {mediaPaths} from './media-db.js';
export type {ProgressFn, CancelToken} from './progress.js';
export type {MediaStats} from './media.js';
export type {IncrementalStats} from './incremental.js';
