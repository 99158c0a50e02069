// A schema-18 blob for protobuf-es's wire reader, as outlines18.ts and deck-list18.ts read the few
// fields they need.
import {BinaryReader} from '@bufbuild/protobuf/wire';

/** SQLite hands a blob back as a Buffer (null for NULL, a string if a tool stored text). */
export type Blob = Uint8Array | string | null;

// The reader's own default builds a TextDecoder on first use (1-4 ms of a start); Buffer decodes
// UTF-8 the same way, invalid bytes as U+FFFD.
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** A plain view of the bytes: a Buffer's subarray() (each nested message) builds a Buffer, which costs more. */
const bytesOf = (blob: Blob): Uint8Array => {
	const bytes = typeof blob === 'string' ? Buffer.from(blob, 'utf8') : (blob ?? new Uint8Array(0));
	return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

export const blobReader = (blob: Blob): BinaryReader => new BinaryReader(bytesOf(blob), utf8);
