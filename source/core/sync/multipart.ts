// The legacy sync request body: multipart/form-data built in memory, because ankisyncd's WSGI
// server cannot read chunked bodies and needs a Content-Length.

/** Anki's own client uses this boundary; any would do, but matching it keeps traces comparable. */
export const BOUNDARY = 'Anki-sync-boundary';

export interface FormField {
	name: string;
	value: string;
}

/** Fields in order, then the `data` file part when `data` is given (absent otherwise). */
export function buildMultipart(fields: FormField[], data: Buffer | undefined): Buffer {
	const parts: Buffer[] = [];
	for (const field of fields) {
		parts.push(
			Buffer.from(
				`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field.name}"\r\n\r\n${field.value}\r\n`,
				'utf8',
			),
		);
	}
	if (data) {
		parts.push(
			Buffer.from(
				`--${BOUNDARY}\r\nContent-Disposition: form-data; name="data"; filename="data"\r\n` +
					'Content-Type: application/octet-stream\r\n\r\n',
				'utf8',
			),
			data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${BOUNDARY}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}

export interface ParsedPart {
	name: string;
	filename?: string;
	contentType?: string;
	body: Buffer;
}

/** Splits a multipart body (used by the test server and kept beside the builder it mirrors). */
export function parseMultipart(body: Buffer, boundary: string): ParsedPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: ParsedPart[] = [];
	let pos = body.indexOf(delimiter);
	while (pos !== -1) {
		const start = pos + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		if (headerEnd === -1) break;
		const next = body.indexOf(delimiter, headerEnd + 4);
		if (next === -1) break;
		const headers = body.subarray(start + 2, headerEnd).toString('utf8');
		const content = body.subarray(headerEnd + 4, next - 2);
		const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
		const filename = /filename="([^"]*)"/.exec(headers)?.[1];
		const contentType = /Content-Type:\s*([^\r\n]+)/i.exec(headers)?.[1];
		parts.push({name, filename, contentType, body: Buffer.from(content)});
		pos = next;
	}
	return parts;
}
