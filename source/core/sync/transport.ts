// HTTP for sync: one POST per call, in either framing.
// - legacy (sync versions 9/10): multipart form with fields, `data` part gzipped when c=1;
//   responses are uncompressed.
// - v11: JSON `anki-sync` header, zstd body; responses are zstd with `anki-original-size`.
// Network failures become one-line SyncErrors here; HTTP statuses are mapped by the caller,
// which knows which call failed.
import http from 'node:http';
import https from 'node:https';
import {gzipSync} from 'node:zlib';
import {SyncError} from '../errors.js';
import {buildMultipart, BOUNDARY, type FormField} from './multipart.js';
import {zstdDecompress} from '../zstd/decode.js';
import {zstdCompress} from '../zstd/encode.js';

export interface HttpResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** Normalises a user-given endpoint to a base URL ending in `/`, as Anki joins `sync/` onto it. */
export function normaliseEndpoint(endpoint: string): string {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		throw new SyncError(`Invalid sync endpoint "${endpoint}": expected a URL such as http://host:27701/`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new SyncError(`Invalid sync endpoint "${endpoint}": only http and https are supported`);
	}
	// Users often paste Anki 2.1.28-era SYNC_ENDPOINT values that end in sync/ or msync/.
	url.pathname = url.pathname.replace(/\/(m?sync)\/?$/, '/');
	if (!url.pathname.endsWith('/')) url.pathname += '/';
	url.search = '';
	url.hash = '';
	return url.toString();
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

export async function httpPost(
	url: string,
	headers: Record<string, string>,
	body: Buffer,
	timeoutMs: number,
): Promise<HttpResult> {
	const target = new URL(url);
	const lib = target.protocol === 'https:' ? https : http;
	return new Promise<HttpResult>((resolve, reject) => {
		const request = lib.request(
			target,
			// No keep-alive: a long local step (vacuum, big chunks) can outlast the server's idle
			// timeout, and a reused socket closed under us is a spurious ECONNRESET.
			{method: 'POST', headers: {...headers, 'Content-Length': String(body.length)}, agent: false},
			response => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks)}),
				);
				response.on('error', error => reject(networkError(target, error)));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), {code: 'ETIMEDOUT'})));
		request.on('error', error => reject(networkError(target, error)));
		request.end(body);
	});
}

function networkError(target: URL, error: Error & {code?: string}): SyncError {
	const reason = (error.code && NETWORK_MESSAGES[error.code]) ?? error.message;
	return new SyncError(`Cannot reach the sync server at ${target.origin}: ${reason}`);
}

export interface LegacyRequest {
	fields: FormField[];
	/** The payload; undefined sends no data part at all (as Anki does for `download`). */
	data?: Buffer;
	/** gzip the data part and send c=1 (Anki: every call but media uploads). */
	compress: boolean;
}

export const USER_AGENT = 'anki-tui';

export async function postLegacy(url: string, request: LegacyRequest, timeoutMs: number): Promise<HttpResult> {
	const data = request.data && request.compress ? gzipSync(request.data, {level: 6}) : request.data;
	const fields = [...request.fields, {name: 'c', value: request.compress ? '1' : '0'}];
	const body = buildMultipart(fields, data);
	return httpPost(
		url,
		{'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'User-Agent': USER_AGENT},
		body,
		timeoutMs,
	);
}

export interface V11Header {
	v: number;
	k: string;
	c: string;
	s: string;
}

/** A v11 call; the answer body is returned decompressed. */
export async function postV11(url: string, header: V11Header, data: Buffer, timeoutMs: number): Promise<HttpResult> {
	const result = await httpPost(
		url,
		{
			'Content-Type': 'application/octet-stream',
			'anki-sync': JSON.stringify(header),
			'User-Agent': USER_AGENT,
		},
		zstdCompress(data),
		timeoutMs,
	);
	if (result.status !== 200) return result;
	const size = result.headers['anki-original-size'];
	if (size === undefined) {
		throw new SyncError(
			'Sync protocol mismatch: the server did not answer in the version 11 format; try --protocol 10 or 9',
		);
	}
	let body: Buffer;
	try {
		body = zstdDecompress(result.body);
	} catch {
		throw new SyncError('Sync protocol mismatch: the server sent a body that is not zstd');
	}
	if (body.length !== Number(size)) {
		throw new SyncError(`Sync protocol mismatch: the server's answer is truncated (${body.length} of ${size} bytes)`);
	}
	return {...result, body};
}
