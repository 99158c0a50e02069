// `anki-tui sync`: wiring flags to the sync command.
import {configDir} from '../core/paths.js';
import type {Flags} from './flags.js';
import {probeNamedCollection} from './open-input.js';
import {runSync} from './sync.js';

export async function runSyncCommand({flags}: {flags: Flags; color: boolean}): Promise<number> {
	// Checked before the login, which saves the host key: a bad collection leaves nothing behind.
	const {path} = probeNamedCollection(flags.collection);
	return runSync({
		collectionPath: path,
		endpoint: flags.endpoint,
		user: flags.user,
		passwordStdin: flags.passwordStdin,
		upload: flags.upload,
		download: flags.download,
		protocol: flags.protocol,
		configDir: configDir(),
	});
}
