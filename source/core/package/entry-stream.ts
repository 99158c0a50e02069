// Streams one zip entry through the right decoders (deflate by yauzl, zstd for version-3
// packages) into a sink, enforcing an output cap.
import {CappedZstdDecoder, type ZstdEngineName} from '../zstd/decode.js';
import type {ZipEntryInfo, ZipReader} from './zip-reader.js';

export class EntryTooLargeError extends Error {}

/** Entries up to this size (stored and inflated) are read whole rather than streamed. */
const wholeReadBytes = 1024 * 1024;

export interface EntryStreamOptions {
	zstd: boolean;
	/** Most bytes the sink may receive. */
	maxOutput: number;
	/** Force a zstd decoder (tests); default: native when available. */
	zstdEngine?: ZstdEngineName;
}

/** Returns the number of bytes delivered to the sink. Chunks may be reused after the sink returns. */
export async function streamEntry(
	reader: ZipReader,
	entry: ZipEntryInfo,
	options: EntryStreamOptions,
	sink: (chunk: Uint8Array) => void,
): Promise<number> {
	const whole = entry.compressedSize <= wholeReadBytes && entry.uncompressedSize <= wholeReadBytes;
	if (!options.zstd) {
		if (entry.uncompressedSize > options.maxOutput) {
			throw new EntryTooLargeError(`entry "${entry.name}" would expand to ${entry.uncompressedSize} bytes, more than the ${options.maxOutput} allowed`);
		}
		if (whole) {
			const bytes = reader.readWhole(entry);
			sink(bytes);
			return bytes.length;
		}
		let total = 0;
		const counted = (chunk: Uint8Array) => {
			total += chunk.length;
			sink(chunk);
		};
		if (entry.method === 0) reader.readStored(entry, counted);
		else await reader.readEntry(entry, counted);
		return total;
	}
	const decoder = await CappedZstdDecoder.create(options.maxOutput, sink, options.zstdEngine);
	if (whole) decoder.push(reader.readWhole(entry));
	// Anki stores its zstd entries (compressing them again gains nothing): read without a stream.
	else if (entry.method === 0) reader.readStored(entry, (chunk) => decoder.push(chunk));
	else await reader.readEntry(entry, (chunk) => decoder.push(chunk));
	decoder.finish();
	return decoder.outputBytes;
}

/** Reads a small entry fully (meta, media list). */
export async function readSmallEntry(reader: ZipReader, entry: ZipEntryInfo, options: EntryStreamOptions): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	await streamEntry(reader, entry, options, (chunk) => chunks.push(Buffer.from(chunk)));
	return Buffer.concat(chunks);
}
