// zstd encoding: one-shot for the v11 sync framing, and streaming as Anki's exporter writes
// packages (the project's package writer and tests use it).
import {once} from 'node:events';
import {availableParallelism} from 'node:os';
import {loadNative, ZSTD_MAGIC} from './native.js';

const MAX_RAW_BLOCK = 128 * 1024;

/** A zstd frame holding `data` in raw blocks, with the content size in its header. */
export function zstdRawFrame(data: Uint8Array): Buffer {
	const blockCount = Math.max(1, Math.ceil(data.length / MAX_RAW_BLOCK));
	const out = Buffer.alloc(4 + 1 + 8 + blockCount * 3 + data.length);
	out.writeUInt32LE(ZSTD_MAGIC, 0);
	// Frame header descriptor: 8-byte content size, single segment (no window descriptor).
	out[4] = 0b1110_0000;
	out.writeBigUInt64LE(BigInt(data.length), 5);
	let pos = 13;
	for (let i = 0; i < blockCount; i++) {
		const start = i * MAX_RAW_BLOCK;
		const size = Math.min(MAX_RAW_BLOCK, data.length - start);
		const last = i === blockCount - 1 ? 1 : 0;
		const header = (size << 3) | last; // block type 0 = raw
		out[pos] = header & 0xff;
		out[pos + 1] = (header >> 8) & 0xff;
		out[pos + 2] = (header >> 16) & 0xff;
		pos += 3;
		out.set(data.subarray(start, start + size), pos);
		pos += size;
	}
	return out;
}

/** Compressed with libzstd when it loads; otherwise a valid frame of raw blocks (every decoder, Anki's server included, accepts it). */
export function zstdCompress(data: Uint8Array): Buffer {
	const api = loadNative()?.api;
	return api ? api.compress(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) : zstdRawFrame(data);
}

/** Anki switches on multithreading for inputs above this size (colpkg/export.rs). */
export const multithreadAbove = 10 * 1024 * 1024;

/**
 * zstd encoding as Anki's exporter does it (rslib zstd_copy / MediaCopier): a streaming encoder at
 * the default level fed with `continue` and closed with `end`, so frames carry no content size
 * (except an empty input, where zstd knows the size is 0), and multithreaded above 10 MiB. Needs
 * libzstd.
 */
export async function* zstdEncode(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, sizeHint = 0): AsyncGenerator<Uint8Array> {
	const api = loadNative()?.api;
	if (!api) throw new Error('zstd-napi is not available');
	// Level 0 = zstd's default (3), as Anki's Encoder::new(writer, 0).
	const encoder = new api.CompressStream(sizeHint > multithreadAbove ? {compressionLevel: 0, nbWorkers: availableParallelism()} : {compressionLevel: 0});
	const feeding = (async () => {
		for await (const chunk of chunks) {
			// An empty write would start the frame as "size unknown", unlike Anki's io::copy.
			if (chunk.length === 0) continue;
			if (!encoder.write(chunk)) await once(encoder, 'drain');
		}
		encoder.end();
	})().catch((error: unknown) => {
		encoder.destroy(error as Error);
	});
	for await (const out of encoder as AsyncIterable<Buffer>) yield out;
	await feeding;
}
