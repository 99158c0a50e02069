// A node:http server on 127.0.0.1 that answers with recorded responses, in order, and checks
// that each request carries what Anki's own client sent at that point.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {gunzipSync} from 'node:zlib';
import {isDeepStrictEqual} from 'node:util';
import {parseMultipart} from '../../../source/core/sync/multipart.js';
import {responseBody, type Exchange} from './traffic.js';

export interface ReceivedRequest {
	path: string;
	fields: Record<string, string>;
	fieldOrder: string[];
	data: Buffer | undefined;
	headers: http.IncomingHttpHeaders;
}

export type BinaryCheck = (endpoint: string, ours: Buffer, recorded: Buffer) => Promise<string[]> | string[];

export interface ReplayServer {
	url: string;
	problems: string[];
	received: ReceivedRequest[];
	/** time_ms of the next exchange (a clock that follows the recording). */
	nextTime(): number;
	served(): number;
	close(): Promise<void>;
}

export function parseLegacyRequest(path: string, headers: http.IncomingHttpHeaders, body: Buffer): ReceivedRequest {
	const boundary = /boundary=([^;]+)/.exec(String(headers['content-type']))?.[1] ?? '';
	const parts = parseMultipart(body, boundary);
	const fields: Record<string, string> = {};
	let data: Buffer | undefined;
	for (const part of parts) {
		if (part.name === 'data') data = part.body;
		else fields[part.name] = part.body.toString('utf8');
	}
	if (data && fields.c === '1') data = gunzipSync(data);
	return {path, fields, fieldOrder: parts.map(p => p.name), data, headers};
}

export async function startReplayServer(exchanges: Exchange[], options: {checkBinary?: BinaryCheck} = {}): Promise<ReplayServer> {
	const problems: string[] = [];
	const received: ReceivedRequest[] = [];
	let index = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const body = Buffer.concat(chunks);
				const got = parseLegacyRequest(req.url ?? '', req.headers, body);
				received.push(got);
				const expected = exchanges[index++];
				if (!expected) {
					problems.push(`unexpected extra request ${got.path}`);
					res.writeHead(500).end('no more recorded exchanges');
					return;
				}
				problems.push(...(await compareRequest(expected, got, options.checkBinary)));
				const answer = responseBody(expected.response);
				res.writeHead(expected.response.status, {
					'Content-Type': expected.response.content_type,
					'Content-Length': String(answer.length),
				});
				res.end(answer);
			})();
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		problems,
		received,
		nextTime: () => (exchanges[Math.min(index, exchanges.length - 1)] ?? exchanges[0]).time_ms,
		served: () => index,
		close: () => new Promise<void>(resolve => server.close(() => resolve())),
	};
}

async function compareRequest(expected: Exchange, got: ReceivedRequest, checkBinary?: BinaryCheck): Promise<string[]> {
	const where = `#${expected.seq} ${expected.endpoint}`;
	const problems: string[] = [];
	if (got.path !== expected.endpoint) return [`${where}: got a request for ${got.path}`];
	if (got.headers['transfer-encoding']) problems.push(`${where}: chunked body (ankisyncd cannot read it)`);
	if (!got.headers['content-length']) problems.push(`${where}: no Content-Length`);
	if (!isDeepStrictEqual(got.fieldOrder, expected.request.field_order)) {
		problems.push(`${where}: fields ${got.fieldOrder.join(',')} instead of ${expected.request.field_order.join(',')}`);
	}
	for (const [name, value] of Object.entries(expected.request.fields)) {
		const ours = got.fields[name];
		if (name === 's') {
			if (!/^[0-9a-f]{8}$/.test(ours ?? '')) problems.push(`${where}: session key ${ours}`);
		} else if (name === 'v') {
			if ((ours ?? '').split(',').length !== 3) problems.push(`${where}: client version ${ours} lacks three parts`);
		} else if (ours !== value) {
			problems.push(`${where}: field ${name}=${ours} instead of ${value}`);
		}
	}
	const kind = got.data === undefined ? 'absent' : expected.request.data_kind === 'binary' ? 'binary' : 'json';
	if (kind !== expected.request.data_kind) problems.push(`${where}: data ${kind} instead of ${expected.request.data_kind}`);
	if (expected.request.data_kind === 'json' && got.data) {
		let ours: unknown;
		try {
			ours = JSON.parse(got.data.toString('utf8'));
		} catch {
			return [...problems, `${where}: data is not JSON`];
		}
		const recorded = structuredClone(expected.request.data_json) as Record<string, unknown>;
		if (expected.endpoint === '/sync/meta') {
			const cv = String((ours as Record<string, unknown>).cv ?? '');
			if (cv.split(',').length !== 3) problems.push(`${where}: cv "${cv}" lacks three parts`);
			(ours as Record<string, unknown>).cv = recorded.cv;
		}
		if (!isDeepStrictEqual(ours, recorded)) {
			problems.push(`${where}: payload differs\n  ours:     ${JSON.stringify(ours)}\n  recorded: ${JSON.stringify(recorded)}`);
		}
	}
	if (expected.request.data_kind === 'binary' && got.data && checkBinary) {
		problems.push(...(await checkBinary(expected.endpoint, got.data, Buffer.from(expected.request.data_b64 ?? '', 'base64'))).map(p => `${where}: ${p}`));
	}
	return problems;
}
