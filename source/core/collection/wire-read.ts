// A schema-18 blob for protobuf-es's wire reader, as outlines18.ts and deck-list18.ts read the few
// fields they need.
import {BinaryReader} from '@bufbuild/protobuf/wire';

/** SQLite hands a blob back as a Buffer (null for NULL, a string if a tool stored text). */
export type Blob = Uint8Array | string | null;

export const blobReader = (blob: Blob): BinaryReader =>
	new BinaryReader(typeof blob === 'string' ? Buffer.from(blob, 'utf8') : (blob ?? new Uint8Array(0)));
