// Saved sync login: endpoint, user name, host key and protocol in $XDG_CONFIG_HOME/anki-tui/sync.json
// with mode 0600. The password is never stored; the host key stands in for it, as in Anki.
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {SyncError} from '../errors.js';
import type {SyncProtocol} from './remote.js';

export interface SavedSyncLogin {
	endpoint: string;
	user: string;
	hkey: string;
	/** The protocol that worked last time (auto mode remembers it). */
	protocol?: SyncProtocol;
}

export const SYNC_CONFIG_FILE = 'sync.json';

export function loadSyncLogin(configDir: string): SavedSyncLogin | undefined {
	const file = path.join(configDir, SYNC_CONFIG_FILE);
	if (!existsSync(file)) return undefined;
	let parsed: Partial<SavedSyncLogin>;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedSyncLogin>;
	} catch {
		throw new SyncError(`${file} is not valid JSON; delete it and log in again with --endpoint and --user`);
	}
	if (typeof parsed.endpoint !== 'string' || typeof parsed.hkey !== 'string') return undefined;
	const protocol = parsed.protocol === 9 || parsed.protocol === 10 || parsed.protocol === 11 ? parsed.protocol : undefined;
	return {endpoint: parsed.endpoint, user: String(parsed.user ?? ''), hkey: parsed.hkey, protocol};
}

export function saveSyncLogin(configDir: string, login: SavedSyncLogin): void {
	mkdirSync(configDir, {recursive: true, mode: 0o700});
	const file = path.join(configDir, SYNC_CONFIG_FILE);
	const temp = `${file}.tmp`;
	const {endpoint, user, hkey, protocol} = login;
	writeFileSync(temp, `${JSON.stringify({endpoint, user, hkey, protocol}, null, 2)}\n`, {mode: 0o600});
	chmodSync(temp, 0o600);
	renameSync(temp, file);
}
