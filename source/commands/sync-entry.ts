// `anki-tui sync`: wiring flags to the sync command.
import {resolveCollectionPath} from '../core/collection/local.js';
import {configDir} from '../core/paths.js';
import type {Flags} from './flags.js';
import {runSync} from './sync.js';

export async function runSyncCommand({flags}: {flags: Flags; color: boolean}): Promise<number> {
	return runSync({
		collectionPath: resolveCollectionPath({collection: flags.collection}).path,
		endpoint: flags.endpoint,
		user: flags.user,
		passwordStdin: flags.passwordStdin,
		upload: flags.upload,
		download: flags.download,
		protocol: flags.protocol,
		configDir: configDir(),
	});
}
