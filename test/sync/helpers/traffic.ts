// Reading the recorded ankisyncd ⇄ Anki 2.1.12 traffic (../shared/fixtures/sync-ankisyncd).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {privateCopyOf, sharedSync} from '../../helpers/shared.js';

export interface RecordedRequest {
	fields: Record<string, string>;
	field_order: string[];
	compressed: boolean;
	data_kind: 'json' | 'binary' | 'absent';
	data_json: unknown;
	data_b64: string | null;
	data_length: number;
	headers: Record<string, string>;
}

export interface RecordedResponse {
	status: number;
	reason: string;
	content_type: string;
	headers: Record<string, string>;
	kind: 'json' | 'text' | 'binary' | 'empty';
	json: unknown;
	text: string | null;
	b64: string | null;
	length: number;
}

export interface Exchange {
	seq: number;
	endpoint: string;
	client: string;
	step: string;
	time_ms: number;
	request: RecordedRequest;
	response: RecordedResponse;
}

export function loadTraffic(scenario: string): Exchange[] {
	return readFileSync(path.join(sharedSync, `${scenario}.jsonl`), 'utf8')
		.split('\n')
		.filter(line => line.trim())
		.map(line => JSON.parse(line) as Exchange);
}

/** A recorded collection, as a private copy (a SQLite open beside the shared file would add -wal to it). */
export function fixturePath(name: string): string {
	return privateCopyOf(path.join(sharedSync, name));
}

export function responseBody(response: RecordedResponse): Buffer {
	switch (response.kind) {
		case 'json':
			return Buffer.from(JSON.stringify(response.json));
		case 'text':
			return Buffer.from(response.text ?? '', 'utf8');
		case 'binary':
			return Buffer.from(response.b64 ?? '', 'base64');
		default:
			return Buffer.alloc(0);
	}
}
