// zstd for the v11 sync framing. Decoding uses fzstd (pure JS). Encoding prefers the native
// zstd-napi when its binding is built; otherwise it writes a valid zstd frame of raw
// (uncompressed) blocks, which every zstd decoder, Anki's server included, accepts.
import {createRequire} from 'node:module';
import {decompress as fzstdDecompress} from 'fzstd';

type Compressor = (data: Buffer) => Buffer;

let nativeCompress: Compressor | null | undefined;

function loadNative(): Compressor | null {
	if (nativeCompress !== undefined) return nativeCompress;
	try {
		const require = createRequire(import.meta.url);
		const zstd = require('zstd-napi') as {compress: (data: Buffer, params?: unknown) => Buffer};
		zstd.compress(Buffer.from('probe'));
		nativeCompress = data => zstd.compress(data);
	} catch {
		nativeCompress = null;
	}
	return nativeCompress;
}

const MAX_RAW_BLOCK = 128 * 1024;

/** A zstd frame holding `data` in raw blocks, with the content size in its header. */
export function zstdRawFrame(data: Uint8Array): Buffer {
	const blockCount = Math.max(1, Math.ceil(data.length / MAX_RAW_BLOCK));
	const out = Buffer.alloc(4 + 1 + 8 + blockCount * 3 + data.length);
	out.writeUInt32LE(0xfd2fb528, 0);
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

export function zstdCompress(data: Uint8Array): Buffer {
	const native = loadNative();
	return native ? native(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) : zstdRawFrame(data);
}

export function zstdDecompress(data: Uint8Array): Buffer {
	const out = fzstdDecompress(data);
	return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** True when the native encoder is in use (for the report/benchmarks only). */
export function zstdIsNative(): boolean {
	return loadNative() !== null;
}
