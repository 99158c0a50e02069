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
import {CappedZstdDecoder, ZstdLimitError} from '../zstd/decode.js';
import {formatSize} from '../format-size.js';
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

/** How a reply body is taken: capped, and kept in memory or handed to a sink (a file). */
export interface ReplyOptions {
	/** Most body bytes accepted; one byte more ends the call with a one-line SyncError. */
	maxBytes: number;
	/** Receives a 200 reply's body instead of memory (the result's body is then empty). May throw to stop. */
	sink?: (chunk: Buffer) => void;
}

/** Bytes of an error reply kept for its message (the rest is not read). */
const ERROR_BODY_BYTES = 64 * 1024;

/** `sync/meta`, `msync/downloadFiles`: the call a URL makes, for messages. */
function callOf(target: URL): string {
	return target.pathname.split('/').filter(Boolean).slice(-2).join('/');
}

export function replyTooLarge(target: URL, limit: number, what = 'its reply'): SyncError {
	return new SyncError(
		`The sync server at ${target.origin} sent ${what} to ${callOf(target)} over the ${formatSize(limit)} anki-tui accepts; the sync stopped and nothing of it was kept (check the endpoint URL and the server).`,
	);
}

function cutOff(target: URL, got: number, expected: string | undefined): SyncError {
	const of = expected === undefined ? `${got} bytes` : `${got} of ${expected} bytes`;
	return new SyncError(`The sync server at ${target.origin} cut off its reply to ${callOf(target)} (${of}); nothing of it was kept. Run the sync again.`);
}

export async function httpPost(
	url: string,
	headers: Record<string, string>,
	body: Buffer,
	timeoutMs: number,
	reply: ReplyOptions,
): Promise<HttpResult> {
	const target = new URL(url);
	const lib = target.protocol === 'https:' ? https : http;
	return new Promise<HttpResult>((resolve, reject) => {
		let settled = false;
		const fail = (error: unknown) => {
			if (settled) return;
			settled = true;
			request.destroy();
			reject(error);
		};
		const request = lib.request(
			target,
			// No keep-alive: a long local step (vacuum, big chunks) can outlast the server's idle
			// timeout, and a reused socket closed under us is a spurious ECONNRESET.
			{method: 'POST', headers: {...headers, 'Content-Length': String(body.length)}, agent: false},
			response => {
				const status = response.statusCode ?? 0;
				const ok = status === 200;
				const declared = response.headers['content-length'];
				// An error reply is only read for its message; a 200 one is refused at once when it announces too much.
				if (ok && declared !== undefined && Number(declared) > reply.maxBytes) return fail(replyTooLarge(target, reply.maxBytes));
				const chunks: Buffer[] = [];
				let received = 0;
				response.on('data', (chunk: Buffer) => {
					if (settled) return;
					received += chunk.length;
					if (!ok) {
						if (received - chunk.length < ERROR_BODY_BYTES) chunks.push(chunk);
						return;
					}
					if (received > reply.maxBytes) return fail(replyTooLarge(target, reply.maxBytes));
					if (!reply.sink) return void chunks.push(chunk);
					try {
						reply.sink(chunk);
					} catch (error) {
						fail(error);
					}
				});
				response.on('end', () => {
					if (settled) return;
					if (ok && (!response.complete || (declared !== undefined && received !== Number(declared)))) return fail(cutOff(target, received, declared));
					settled = true;
					resolve({status, headers: response.headers, body: Buffer.concat(chunks).subarray(0, ok ? undefined : ERROR_BODY_BYTES)});
				});
				// The connection dropped mid-body (Node reports it as an 'aborted' error).
				response.on('error', () => fail(ok ? cutOff(target, received, declared) : networkError(target, Object.assign(new Error('connection reset'), {code: 'ECONNRESET'}))));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), {code: 'ETIMEDOUT'})));
		request.on('error', error => fail(networkError(target, error)));
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

export async function postLegacy(url: string, request: LegacyRequest, timeoutMs: number, reply: ReplyOptions): Promise<HttpResult> {
	const data = request.data && request.compress ? gzipSync(request.data, {level: 6}) : request.data;
	const fields = [...request.fields, {name: 'c', value: request.compress ? '1' : '0'}];
	const body = buildMultipart(fields, data);
	return httpPost(
		url,
		{'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'User-Agent': USER_AGENT},
		body,
		timeoutMs,
		reply,
	);
}

export interface V11Header {
	v: number;
	k: string;
	c: string;
	s: string;
}

/**
 * A v11 call; the answer body is returned decompressed (or handed to the sink as it decompresses),
 * capped at `reply.maxBytes` after decompression, so a small zstd bomb is refused too.
 */
export async function postV11(url: string, header: V11Header, data: Buffer, timeoutMs: number, reply: ReplyOptions): Promise<HttpResult> {
	const target = new URL(url);
	const kept: Buffer[] = [];
	const decoder = await CappedZstdDecoder.create(reply.maxBytes, chunk => (reply.sink ? reply.sink(Buffer.from(chunk)) : kept.push(Buffer.from(chunk))));
	// Data that is not zstd is reported after the headers are checked: a server without v11 says so there.
	let badData = false;
	const feed = (chunk: Buffer) => {
		if (badData) return;
		try {
			decoder.push(chunk);
		} catch (error) {
			if (error instanceof ZstdLimitError) throw replyTooLarge(target, reply.maxBytes);
			badData = true;
		}
	};
	const result = await httpPost(
		url,
		{
			'Content-Type': 'application/octet-stream',
			'anki-sync': JSON.stringify(header),
			'User-Agent': USER_AGENT,
		},
		zstdCompress(data),
		timeoutMs,
		{maxBytes: reply.maxBytes, sink: feed},
	);
	if (result.status !== 200) return result;
	const size = result.headers['anki-original-size'];
	if (size === undefined) {
		throw new SyncError(
			'Sync protocol mismatch: the server did not answer in the version 11 format; try --protocol 10 or 9',
		);
	}
	if (Number(size) > reply.maxBytes) throw replyTooLarge(target, reply.maxBytes);
	if (badData) throw notZstd();
	try {
		decoder.finish();
	} catch (error) {
		throw error instanceof ZstdLimitError ? replyTooLarge(target, reply.maxBytes) : notZstd();
	}
	if (decoder.outputBytes !== Number(size)) {
		throw new SyncError(`Sync protocol mismatch: the server's answer is truncated (${decoder.outputBytes} of ${size} bytes)`);
	}
	return {...result, body: Buffer.concat(kept)};
}

function notZstd(): SyncError {
	return new SyncError('Sync protocol mismatch: the server sent a body that is not zstd');
}
