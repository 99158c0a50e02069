// `anki-tui sync`: log in (once), then sync the collection and its media with a self-hosted server.
import {existsSync} from 'node:fs';
import {ensureLocalCollection, resolveCollectionPath} from '../core/collection/local.js';
import {SyncError, UsageError} from '../core/errors.js';
import {loadSyncLogin, saveSyncLogin, type SavedSyncLogin} from '../core/sync/config.js';
import {formatSize} from '../core/format-size.js';
import type {CancelToken} from '../core/sync/progress.js';
import {SyncServer, type SyncProtocol} from '../core/sync/remote.js';
import {syncCollection, type FullSyncDirection, type SyncReport} from '../core/sync/sync-collection.js';
import {normaliseEndpoint} from '../core/sync/transport.js';
import {ask, safeLine, statusLine, textWriter} from './terminal-output.js';

export interface SyncCommandOptions {
	collectionPath: string;
	endpoint?: string;
	user?: string;
	passwordStdin: boolean;
	upload: boolean;
	download: boolean;
	/** auto (default), legacy (= 10 with fallback to 9), v11, or a number 9/10/11. */
	protocol?: string;
	configDir: string;
	/** Skip media (default: sync media too). */
	media?: boolean;
	/** Where progress and prompts go (default stderr). */
	stderr?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
}

export function parseProtocolFlag(value: string | undefined): SyncProtocol | 'auto' {
	switch ((value ?? 'auto').toLowerCase()) {
		case 'auto':
		case 'legacy':
		case '':
			return 'auto';
		case '9':
		case 'v9':
			return 9;
		case '10':
		case 'v10':
			return 10;
		case '11':
		case 'v11':
			return 11;
		default:
			throw new UsageError(`Unknown --protocol "${value}": use auto, legacy, v11, 9, 10 or 11`);
	}
}

/** Runs the command; resolves to the exit code. */
export async function runSync(options: SyncCommandOptions): Promise<number> {
	const stderr = options.stderr ?? process.stderr;
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const say = textWriter(stderr);
	if (options.upload && options.download) throw new UsageError('--upload and --download exclude each other');
	const protocol = parseProtocolFlag(options.protocol);
	const saved = loadSyncLogin(options.configDir);
	const endpoint = options.endpoint ? normaliseEndpoint(options.endpoint) : saved?.endpoint;
	if (!endpoint) {
		throw new UsageError('No sync server configured yet: run anki-tui sync --endpoint URL --user NAME');
	}

	// --user always logs in afresh (that is how a changed password or a refused host key is
	// fixed); otherwise the saved host key for this endpoint is reused.
	let login: SavedSyncLogin | undefined = saved && saved.endpoint === endpoint && !options.user ? saved : undefined;
	const loginProtocol: SyncProtocol = protocol === 'auto' ? (login?.protocol ?? 10) : protocol;
	if (!login || options.passwordStdin) {
		const user = options.user ?? saved?.user;
		if (!user) throw new UsageError('Give the sync user name with --user NAME');
		const password = options.passwordStdin ? await readPasswordFromStdin(stdin) : await promptPassword(stdin, stderr, user, endpoint);
		const server = new SyncServer({endpoint, protocol: loginProtocol === 11 ? 11 : 10});
		const hkey = await server.hostKey(user, password);
		login = {endpoint: server.endpoint, user, hkey, protocol: protocol === 'auto' ? undefined : protocol};
		// Saved right away: a failed sync later should not cost another login.
		saveSyncLogin(options.configDir, login);
	}

	// First sync on a new machine: the default collection may not exist yet; create it (empty,
	// so the sync downloads the server's copy). A collection named with --collection must exist.
	if (!existsSync(options.collectionPath) && options.collectionPath === resolveCollectionPath({}).path) {
		ensureLocalCollection({});
	}

	const cancel: CancelToken = {cancelled: false};
	const onInterrupt = () => {
		if (cancel.cancelled) process.exit(130);
		cancel.cancelled = true;
		say('\nStopping after the current step (press Ctrl-C again to quit at once)…\n');
	};
	process.on('SIGINT', onInterrupt);
	const progress = progressPrinter(stderr);
	let report: SyncReport;
	try {
		report = await syncCollection({
			collectionPath: options.collectionPath,
			endpoint: login.endpoint,
			hkey: login.hkey,
			// Auto mode remembers what worked: v11 stays v11; a legacy version is tried first.
			protocol: protocol === 'auto' && login.protocol === 11 ? 11 : protocol,
			preferredLegacy: login.protocol === 9 ? 9 : 10,
			fullSync: options.upload ? 'upload' : options.download ? 'download' : undefined,
			chooseFullSync: stdin.isTTY && stderr.isTTY ? () => askFullSync(stdin, stderr) : undefined,
			media: options.media,
			progress,
			cancel,
		});
	} finally {
		process.off('SIGINT', onInterrupt);
		progress.end();
	}

	// Remember what worked (protocol found by auto mode, a redirected endpoint).
	if (report.endpoint !== login.endpoint || (protocol === 'auto' && login.protocol !== report.protocol)) {
		saveSyncLogin(options.configDir, {...login, endpoint: report.endpoint, protocol: report.protocol});
	}
	textWriter(stdout)(`${describeReport(report)}\n`);
	return 0;
}

export function describeReport(report: SyncReport): string {
	const parts: string[] = [];
	switch (report.outcome) {
		case 'noChanges':
			parts.push('Collection already in sync');
			break;
		case 'incremental': {
			const s = report.incremental!;
			parts.push(`Synced: sent ${s.sentRows} rows and ${s.sentGraves} deletions, received ${s.receivedRows} rows and ${s.receivedGraves} deletions`);
			break;
		}
		case 'fullUpload':
			parts.push('Uploaded the whole collection to the server');
			break;
		case 'fullDownload':
			parts.push(`Downloaded the whole collection from the server${report.backupPath ? ` (previous copy kept in ${report.backupPath})` : ''}`);
			break;
	}
	if (report.media) {
		const m = report.media;
		parts.push(m.result === 'noChanges' ? 'media already in sync' : `media: ${m.downloaded} downloaded, ${m.uploaded} uploaded, ${m.deletedLocally} removed`);
	}
	if (report.serverMessage) parts.push(`server says: ${report.serverMessage}`);
	return `${parts.join('; ')}.`;
}

interface ProgressPrinter {
	(message: string): void;
	end(): void;
}

function progressPrinter(stream: NodeJS.WriteStream): ProgressPrinter {
	const status = statusLine(stream);
	const say = textWriter(stream);
	const print = ((message: string) => {
		if (stream.isTTY) status.show(`${message}…`);
		else if (!/^(Received|Sent) \d+ rows$/.test(message)) say(`${safeLine(message)}…\n`);
	}) as ProgressPrinter;
	print.end = () => status.clear();
	return print;
}

async function readPasswordFromStdin(stdin: NodeJS.ReadStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
	const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
	if (!password) throw new UsageError('--password-stdin: no password on standard input');
	return password;
}

async function promptPassword(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, user: string, endpoint: string): Promise<string> {
	if (!stdin.isTTY) throw new UsageError('No terminal to ask for the password: use --password-stdin');
	const password = await ask(stdin, stderr, `Password for ${user} at ${endpoint}: `, {hidden: true});
	if (!password) throw new UsageError('No password given');
	return password;
}

async function askFullSync(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<FullSyncDirection | undefined> {
	textWriter(stderr)(
		'\nThis collection and the server copy have both changed in a way that cannot be merged (a schema change).\n' +
			'  u  upload: replace the server copy with this collection\n' +
			'  d  download: replace this collection with the server copy (a backup is kept)\n' +
			'  anything else: cancel\n',
	);
	const choice = (await ask(stdin, stderr, 'Choice [u/d/cancel]: ')).trim().toLowerCase();
	if (choice === 'u' || choice === 'upload') return 'upload';
	if (choice === 'd' || choice === 'download') return 'download';
	return undefined;
}

export {SyncError};
