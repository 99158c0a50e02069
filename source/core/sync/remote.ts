// A sync server seen through one framing: typed calls, status mapping to one-line SyncErrors.
import {randomBytes} from 'node:crypto';
import {SyncError} from '../errors.js';
import {legacyClientVersion, v11ClientVersion} from './client-identity.js';
import {closeSync, openSync, writeSync} from 'node:fs';
import {defaultSyncLimits, type SyncLimits} from './limits.js';
import {postLegacy, postV11, type HttpResult, type ReplyOptions} from './transport.js';
import type {FormField} from './multipart.js';
import type {
	Chunk,
	Graves,
	MediaChange,
	SanityCounts,
	SanityResult,
	ServerMeta,
	UnchunkedChanges,
} from './wire-types.js';

export type SyncProtocol = 9 | 10 | 11;

export interface RemoteOptions {
	/** Base URL ending in `/`. */
	endpoint: string;
	protocol: SyncProtocol;
	hkey?: string;
	timeoutMs?: number;
	/** Caps on what the server may send (tests lower them). */
	limits?: Partial<SyncLimits>;
}

type Auth = 'none' | 'session' | 'version' | 'media';

interface CallSpec {
	area: 'sync' | 'msync';
	method: string;
	auth: Auth;
	/** undefined: no data part (legacy download). */
	data?: Buffer;
	compress?: boolean;
	/** Where a 200 reply's body goes instead of memory. */
	sink?: (chunk: Buffer) => void;
}

export class SyncServer {
	endpoint: string;
	readonly protocol: SyncProtocol;
	hkey: string;
	/** Random per sync, as Anki's client does. */
	readonly sessionKey = randomBytes(4).toString('hex');
	/** Legacy media session key from msync/begin. */
	private mediaKey = '';
	/** Set when the server redirected us (308); the caller stores it. */
	redirectedTo: string | undefined;
	private readonly timeoutMs: number;
	readonly limits: SyncLimits;

	constructor(options: RemoteOptions) {
		this.limits = {...defaultSyncLimits, ...options.limits};
		this.endpoint = options.endpoint;
		this.protocol = options.protocol;
		this.hkey = options.hkey ?? '';
		this.timeoutMs = options.timeoutMs ?? 120_000;
	}

	// --- collection sync ---------------------------------------------------------------------

	async hostKey(user: string, password: string): Promise<string> {
		const result = await this.jsonCall<{key?: string}>({area: 'sync', method: 'hostKey', auth: 'none'}, {u: user, p: password});
		if (typeof result?.key !== 'string' || !result.key) throw mismatch('hostKey', 'no key in the answer');
		this.hkey = result.key;
		return result.key;
	}

	async meta(): Promise<ServerMeta> {
		const raw = await this.jsonCall<Record<string, unknown>>(
			{area: 'sync', method: 'meta', auth: 'session'},
			{v: this.protocol, cv: legacyClientVersion()},
		);
		if (!raw || typeof raw !== 'object') throw mismatch('meta', 'not a JSON object');
		const cont = raw.cont !== false;
		const number = (key: string): number => {
			const value = raw[key];
			if (typeof value !== 'number' && cont) throw mismatch('meta', `field ${key} missing`);
			return typeof value === 'number' ? value : 0;
		};
		return {
			mod: number('mod'),
			scm: number('scm'),
			usn: number('usn'),
			ts: number('ts'),
			// ankisyncd says musn; modern servers say media_usn.
			mediaUsn: typeof raw.musn === 'number' ? raw.musn : typeof raw.media_usn === 'number' ? raw.media_usn : 0,
			msg: typeof raw.msg === 'string' ? raw.msg : '',
			cont,
			empty: typeof raw.empty === 'boolean' ? raw.empty : undefined,
		};
	}

	async start(minUsn: number, lnewer: boolean): Promise<Graves> {
		const graves = await this.jsonCall<Graves>({area: 'sync', method: 'start', auth: 'session'}, {minUsn, lnewer});
		return {cards: graves?.cards ?? [], notes: graves?.notes ?? [], decks: graves?.decks ?? []};
	}

	async applyGraves(chunk: Graves): Promise<void> {
		await this.jsonCall({area: 'sync', method: 'applyGraves', auth: 'session'}, {chunk});
	}

	async applyChanges(changes: UnchunkedChanges): Promise<UnchunkedChanges> {
		const remote = await this.jsonCall<UnchunkedChanges>({area: 'sync', method: 'applyChanges', auth: 'session'}, {changes});
		if (!remote || !Array.isArray(remote.models) || !Array.isArray(remote.decks)) {
			throw mismatch('applyChanges', 'unexpected answer');
		}
		return remote;
	}

	async chunk(): Promise<Chunk> {
		const chunk = await this.jsonCall<Chunk>({area: 'sync', method: 'chunk', auth: 'session'}, {});
		if (!chunk || typeof chunk.done !== 'boolean') throw mismatch('chunk', 'unexpected answer');
		return chunk;
	}

	async applyChunk(chunk: Chunk): Promise<void> {
		await this.jsonCall({area: 'sync', method: 'applyChunk', auth: 'session'}, {chunk});
	}

	async sanityCheck(client: SanityCounts): Promise<SanityResult> {
		const result = await this.jsonCall<SanityResult>({area: 'sync', method: 'sanityCheck2', auth: 'session'}, {client});
		if (!result || (result.status !== 'ok' && result.status !== 'bad')) throw mismatch('sanityCheck2', 'unexpected answer');
		return result;
	}

	async finish(): Promise<number> {
		const mod = await this.jsonCall<number>({area: 'sync', method: 'finish', auth: 'session'}, {});
		if (typeof mod !== 'number') throw mismatch('finish', 'expected a timestamp');
		return mod;
	}

	/** Best effort: ankisyncd has no `abort` route (404), and a failing abort must not hide the real error. */
	async abort(): Promise<void> {
		try {
			await this.call({area: 'sync', method: 'abort', auth: 'session', data: Buffer.from('{}')});
		} catch {
			// ignored on purpose
		}
	}

	/** Full upload of a prepared collection file; the server answers the text OK or a reason. */
	async upload(file: Buffer): Promise<void> {
		const result = await this.call({area: 'sync', method: 'upload', auth: 'version', data: file});
		const text = result.body.toString('utf8');
		if (text !== 'OK') throw new SyncError(`The server refused the upload: ${oneLine(text) || 'no reason given'}`);
	}

	/** The server's collection, streamed into `file` (capped at limits.maxCollectionBytes); returns its size. */
	async downloadTo(file: string): Promise<number> {
		// Anki 2.1.12 sends no data part at all; v11 needs the zstd of {}.
		const data = this.protocol === 11 ? Buffer.from('{}') : undefined;
		return writeReplyTo(file, sink => this.call({area: 'sync', method: 'download', auth: 'version', data, sink}));
	}

	// --- media -------------------------------------------------------------------------------

	async mediaBegin(): Promise<{usn: number; sk: string}> {
		// Legacy clients send the client version as the `v` form field; v11 ones inside the JSON,
		// which Anki's server requires.
		const payload = this.protocol === 11 ? {v: legacyClientVersion()} : {};
		const data = await this.mediaCall<{usn: number; sk: string}>('begin', 'version', payload);
		if (typeof data?.usn !== 'number') throw mismatch('msync/begin', 'no usn');
		this.mediaKey = String(data.sk ?? '');
		return data;
	}

	async mediaChanges(lastUsn: number): Promise<MediaChange[]> {
		const data = await this.mediaCall<MediaChange[]>('mediaChanges', 'media', {lastUsn});
		if (!Array.isArray(data)) throw mismatch('msync/mediaChanges', 'not a list');
		return data;
	}

	/** Returns [processed count, new server media usn]. */
	async mediaUploadChanges(zip: Buffer): Promise<[number, number]> {
		const result = await this.call({area: 'msync', method: 'uploadChanges', auth: 'media', data: zip, compress: false});
		const data = unwrapMedia<[number, number]>('uploadChanges', parseJson('msync/uploadChanges', result.body));
		if (!Array.isArray(data) || data.length !== 2) throw mismatch('msync/uploadChanges', 'unexpected answer');
		return data;
	}

	/** The zip of these files, streamed into `zipFile` (never whole in memory), capped at limits.maxMediaZipBytes. */
	async mediaDownloadFiles(files: string[], zipFile: string): Promise<void> {
		await writeReplyTo(zipFile, sink => this.call({area: 'msync', method: 'downloadFiles', auth: 'media', data: json({files}), sink}));
	}

	async mediaSanity(local: number): Promise<string> {
		return String(await this.mediaCall<string>('mediaSanity', 'media', {local}));
	}

	// --- plumbing ----------------------------------------------------------------------------

	private async mediaCall<T>(method: string, auth: Auth, payload: unknown): Promise<T> {
		const result = await this.call({area: 'msync', method, auth, data: json(payload)});
		return unwrapMedia<T>(method, parseJson(`msync/${method}`, result.body));
	}

	private async jsonCall<T>(spec: Omit<CallSpec, 'data'>, payload: unknown): Promise<T> {
		const result = await this.call({...spec, data: json(payload)});
		return parseJson(`${spec.area}/${spec.method}`, result.body) as T;
	}

	/** One call with redirect handling and status mapping. */
	async call(spec: CallSpec): Promise<HttpResult> {
		for (let redirects = 0; ; redirects++) {
			const url = `${this.endpoint}${spec.area}/${spec.method}`;
			const result = this.protocol === 11 ? await this.postV11(url, spec) : await this.postLegacy(url, spec);
			const location = result.headers.location;
			if ((result.status === 308 || result.status === 307) && location && redirects < 3) {
				// The modern replacement for hostNum: follow, and remember the new base.
				const target = new URL(location, url).toString();
				this.endpoint = target.replace(/m?sync\/[^/]*$/, '');
				this.redirectedTo = this.endpoint;
				continue;
			}
			if (result.status !== 200) throw statusError({...spec, protocol: this.protocol}, result);
			return result;
		}
	}

	/** The cap and destination of a call's reply. */
	private replyFor(spec: CallSpec): ReplyOptions {
		const maxBytes =
			spec.method === 'download' ? this.limits.maxCollectionBytes : spec.method === 'downloadFiles' ? this.limits.maxMediaZipBytes : this.limits.maxReplyBytes;
		return {maxBytes, sink: spec.sink};
	}

	/** Idle timeout; a server may be silent for long while it checks a whole uploaded collection. */
	private timeoutFor(spec: CallSpec): number {
		return spec.method === 'upload' || spec.method === 'download' ? Math.max(this.timeoutMs, 600_000) : this.timeoutMs;
	}

	private postLegacy(url: string, spec: CallSpec): Promise<HttpResult> {
		const fields: FormField[] = [];
		if (spec.auth === 'session') fields.push({name: 'k', value: this.hkey}, {name: 's', value: this.sessionKey});
		if (spec.auth === 'version') fields.push({name: 'k', value: this.hkey}, {name: 'v', value: legacyClientVersion()});
		if (spec.auth === 'media') fields.push({name: 'sk', value: this.mediaKey});
		return postLegacy(url, {fields, data: spec.data, compress: spec.compress ?? true}, this.timeoutFor(spec), this.replyFor(spec));
	}

	private postV11(url: string, spec: CallSpec): Promise<HttpResult> {
		const header = {v: 11, k: spec.auth === 'none' ? '' : this.hkey, c: v11ClientVersion(), s: this.sessionKey};
		return postV11(url, header, spec.data ?? Buffer.from('{}'), this.timeoutFor(spec), this.replyFor(spec));
	}
}

/** Runs a call whose reply body goes into `file` (created 0600); returns the bytes written. */
async function writeReplyTo(file: string, call: (sink: (chunk: Buffer) => void) => Promise<unknown>): Promise<number> {
	const fd = openSync(file, 'w', 0o600);
	let bytes = 0;
	try {
		await call(chunk => {
			writeSync(fd, chunk);
			bytes += chunk.length;
		});
	} finally {
		closeSync(fd);
	}
	return bytes;
}

function json(payload: unknown): Buffer {
	return Buffer.from(JSON.stringify(payload), 'utf8');
}

function oneLine(text: string): string {
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 200);
}

function mismatch(call: string, what: string): SyncError {
	return new SyncError(`Sync protocol mismatch on ${call}: ${what}`);
}

function parseJson(call: string, body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw mismatch(call, `the answer is not JSON (${oneLine(body.toString('utf8').slice(0, 80)) || 'empty'})`);
	}
}

function unwrapMedia<T>(method: string, answer: unknown): T {
	const wrapped = answer as {data?: T; err?: string} | null;
	if (!wrapped || typeof wrapped !== 'object' || !('data' in wrapped)) throw mismatch(`msync/${method}`, 'unexpected answer');
	if (wrapped.err) throw new SyncError(`Media sync failed on the server: ${oneLine(wrapped.err)}`);
	return wrapped.data as T;
}

function statusError(spec: CallSpec & {protocol: SyncProtocol}, result: HttpResult): SyncError {
	const call = `${spec.area}/${spec.method}`;
	const status = result.status;
	const detail = oneLine(result.body.toString('utf8'));
	if (status === 403) {
		if (spec.method === 'hostKey') {
			// ankisyncd answers a v11 request with 403 too, as it finds no form in it.
			const hint = spec.protocol === 11 ? ' (or the server does not speak protocol v11: try --protocol legacy)' : '';
			return new SyncError(`Login failed: wrong user name or password${hint}`);
		}
		return new SyncError('The server rejected the saved login; run `anki-tui sync --user NAME` to log in again');
	}
	if (status === 501 && spec.method === 'meta') {
		return new SyncError('The server refuses this client or sync protocol version (HTTP 501); try another --protocol');
	}
	if (status === 404) {
		return new SyncError(`The server has no ${call} (HTTP 404): check the endpoint URL and --protocol`);
	}
	if (status === 400 && spec.area === 'sync' && spec.method !== 'hostKey' && spec.method !== 'meta') {
		return new SyncError(`The server rejected ${call} (HTTP 400${detail ? `: ${detail}` : ''}); run the sync again`);
	}
	return new SyncError(`Sync server error on ${call}: HTTP ${status}${detail ? ` ${detail}` : ''}`);
}
