// The `media` entry: which zip entry ("0", "1", ...) holds which real media file.
// Legacy packages (versions 1-2) store JSON; version 3 stores protobuf MediaEntries.
import {BinaryReader, BinaryWriter, WireType} from '@bufbuild/protobuf/wire';
import {isUnsafeMediaName, normalizeMediaName} from './media-name.js';

export interface MediaFileEntry {
	/** Real, normalised file name (safe to join to a media folder). */
	readonly name: string;
	/** Name of the zip entry holding the bytes. */
	readonly zipEntry: string;
	/** Uncompressed size and SHA-1 from a version-3 map; absent in legacy maps. */
	readonly size?: number;
	readonly sha1?: Uint8Array;
}

export interface DecodedMediaMap {
	entries: MediaFileEntry[];
	warnings: string[];
}

export class MediaMapError extends Error {}

/** Legacy JSON `{"0": "a.jpg"}`; Anki renames legacy names it considers invalid. */
export function decodeLegacyMediaMap(bytes: Uint8Array): DecodedMediaMap {
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
	} catch (error) {
		throw new MediaMapError(`the media list is not valid JSON (${(error as Error).message})`);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new MediaMapError('the media list is not a JSON object');
	}
	const warnings: string[] = [];
	const raw: Array<{index: number; name: string}> = [];
	for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
		if (!/^\d+$/.test(key) || typeof value !== 'string') {
			warnings.push(`skipped media list item ${JSON.stringify(key)}: not a numbered file name`);
			continue;
		}
		raw.push({index: Number(key), name: value});
	}
	// JSON key order is the exporter's choice (Rust writes a HashMap); zip order is by index.
	raw.sort((a, b) => a.index - b.index);
	const entries: MediaFileEntry[] = [];
	for (const {index, name} of raw) {
		if (isUnsafeMediaName(name)) {
			warnings.push(`skipped media file with unsafe name ${JSON.stringify(name)}`);
			continue;
		}
		entries.push({name: normalizeMediaName(name), zipEntry: String(index)});
	}
	return dedupe(entries, warnings);
}

/** Protobuf MediaEntries; entry i lives in zip entry "i". Unnormalised names are corrupt to Anki. */
export function decodeMediaEntries(bytes: Uint8Array): DecodedMediaMap {
	const warnings: string[] = [];
	const entries: MediaFileEntry[] = [];
	const reader = new BinaryReader(bytes);
	let index = 0;
	try {
		while (reader.pos < reader.len) {
			const [field, wire] = reader.tag();
			if (field !== 1 || wire !== WireType.LengthDelimited) {
				reader.skip(wire, field);
				continue;
			}
			const entry = readMediaEntry(new BinaryReader(reader.bytes()));
			const zipEntry = String(entry.legacyZipFilename ?? index);
			index++;
			if (isUnsafeMediaName(entry.name) || normalizeMediaName(entry.name) !== entry.name) {
				warnings.push(`skipped media file with unsafe name ${JSON.stringify(entry.name)}`);
				continue;
			}
			if (entry.sha1.length !== 20) {
				warnings.push(`skipped media file ${JSON.stringify(entry.name)}: its checksum is missing`);
				continue;
			}
			entries.push({name: entry.name, zipEntry, size: entry.size, sha1: entry.sha1});
		}
	} catch (error) {
		throw new MediaMapError(`the media list is unreadable (${(error as Error).message})`);
	}
	return dedupe(entries, warnings);
}

function readMediaEntry(reader: BinaryReader): {name: string; size: number; sha1: Uint8Array; legacyZipFilename?: number} {
	const out: {name: string; size: number; sha1: Uint8Array; legacyZipFilename?: number} = {
		name: '',
		size: 0,
		sha1: new Uint8Array(0),
	};
	while (reader.pos < reader.len) {
		const [field, wire] = reader.tag();
		if (field === 1 && wire === WireType.LengthDelimited) out.name = reader.string();
		else if (field === 2 && wire === WireType.Varint) out.size = reader.uint32();
		else if (field === 3 && wire === WireType.LengthDelimited) out.sha1 = reader.bytes();
		else if (field === 255 && wire === WireType.Varint) out.legacyZipFilename = reader.uint32();
		else reader.skip(wire, field);
	}
	return out;
}

function dedupe(entries: MediaFileEntry[], warnings: string[]): DecodedMediaMap {
	const seen = new Set<string>();
	const unique: MediaFileEntry[] = [];
	for (const entry of entries) {
		if (seen.has(entry.name)) {
			warnings.push(`ignored a second media file named ${JSON.stringify(entry.name)}`);
			continue;
		}
		seen.add(entry.name);
		unique.push(entry);
	}
	return {entries: unique, warnings};
}

/** What Anki's exporter writes (prost: name, size, sha1; proto3 zero values omitted). */
export function encodeMediaEntries(entries: ReadonlyArray<{name: string; size: number; sha1: Uint8Array}>): Uint8Array {
	const writer = new BinaryWriter();
	for (const entry of entries) {
		writer.tag(1, WireType.LengthDelimited).fork();
		if (entry.name !== '') writer.tag(1, WireType.LengthDelimited).string(entry.name);
		if (entry.size !== 0) writer.tag(2, WireType.Varint).uint32(entry.size);
		if (entry.sha1.length > 0) writer.tag(3, WireType.LengthDelimited).bytes(entry.sha1);
		writer.join();
	}
	return writer.finish();
}
