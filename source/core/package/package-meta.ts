// The `meta` entry (protobuf anki.import_export.PackageMetadata) and how Anki picks the
// collection entry from it (rslib package/meta.rs).
import {BinaryReader, WireType} from '@bufbuild/protobuf/wire';

/** 1 = Legacy1 (collection.anki2), 2 = Legacy2 (collection.anki21), 3 = Latest (zstd anki21b). */
export type PackageVersion = 1 | 2 | 3;

export const collectionEntryFor: Record<PackageVersion, string> = {
	1: 'collection.anki2',
	2: 'collection.anki21',
	3: 'collection.anki21b',
};

export class MetaDecodeError extends Error {}

/** Decodes field 1 (enum version); 0 when absent, as proto3 does. */
export function decodeMetaVersion(bytes: Uint8Array): number {
	const reader = new BinaryReader(bytes);
	let version = 0;
	try {
		while (reader.pos < reader.len) {
			const [field, wire] = reader.tag();
			if (field === 1 && wire === WireType.Varint) version = reader.int32();
			else reader.skip(wire, field);
		}
	} catch (error) {
		throw new MetaDecodeError(`unreadable meta entry (${(error as Error).message})`);
	}
	return version;
}

export function encodeMetaVersion(version: PackageVersion): Uint8Array {
	// prost writes exactly this: tag 0x08 then the varint, i.e. `08 02` / `08 03`.
	return Uint8Array.of(0x08, version);
}

/**
 * Anki's order: meta decides; without meta, collection.anki21 if present, else collection.anki2.
 * One leniency: a meta-less zip holding collection.anki21b (a modern package re-zipped by hand)
 * is read as version 3 rather than falling back to its "please update" dummy collection.anki2.
 */
export function pickVersion(metaVersion: number | undefined, hasEntry: (name: string) => boolean): PackageVersion | 'too-new' {
	if (metaVersion !== undefined) {
		return metaVersion === 1 || metaVersion === 2 || metaVersion === 3 ? metaVersion : 'too-new';
	}
	if (hasEntry(collectionEntryFor[2])) return 2;
	if (hasEntry(collectionEntryFor[3])) return 3;
	return 1;
}
