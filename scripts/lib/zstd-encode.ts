// zstd encoding as Anki's exporter does it (rslib zstd_copy / MediaCopier): a streaming encoder
// at the default level fed with `continue` and closed with `end`, so frames carry no content size
// (except an empty input, where zstd knows the size is 0), and multithreaded above 10 MiB.
import {once} from 'node:events';
import {availableParallelism} from 'node:os';
import {CompressStream} from 'zstd-napi';

/** Anki switches on multithreading for inputs above this size (colpkg/export.rs). */
export const multithreadAbove = 10 * 1024 * 1024;

export async function* zstdEncode(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, sizeHint = 0): AsyncGenerator<Uint8Array> {
	// Level 0 = zstd's default (3), as Anki's Encoder::new(writer, 0).
	const encoder = new CompressStream(sizeHint > multithreadAbove ? {compressionLevel: 0, nbWorkers: availableParallelism()} : {compressionLevel: 0});
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
