// What a search reads of schema 18's note types and decks (model.ts NotetypeOutline, DeckOutline),
// straight from the few protobuf fields it needs with protobuf-es's wire reader. Decoding the whole
// blobs (convert18.ts) first builds protobuf-es's schemas from Anki's file descriptors: about 30 ms
// of CPU at every schema-18 search, more than the rest of reading these tables. Field numbers are
// those of anki_blobs.proto (Anki's notetypes.proto and decks.proto); fields are read as protobuf
// decoders do: the last occurrence of a scalar wins, and a message field seen twice is merged.
import type Database from 'better-sqlite3';
import {WireType} from '@bufbuild/protobuf/wire';
import {blobReader as reader, type Blob} from './wire-read.js';
import type {DeckConfigName, DeckOutline, NotetypeOutline} from '../model.js';
import {deckNameFromNative} from './convert18.js';


/** NotetypeConfig: kind = 1 (0 normal, 1 cloze), sort_field_idx = 2. */
function notetypeConfig(blob: Blob): {kind: number; sortFieldIdx: number} {
	const r = reader(blob);
	const out = {kind: 0, sortFieldIdx: 0};
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 1 && wire === WireType.Varint) out.kind = r.int32();
		else if (field === 2 && wire === WireType.Varint) out.sortFieldIdx = r.uint32();
		else r.skip(wire, field);
	}
	return out;
}

/** FieldConfig: exclude_from_search = 8. */
function excludedFromSearch(blob: Blob): boolean {
	const r = reader(blob);
	let excluded = false;
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 8 && wire === WireType.Varint) excluded = r.bool();
		else r.skip(wire, field);
	}
	return excluded;
}

/** DeckKindContainer: oneof kind {NormalDeck normal = 1 (config_id = 1); FilteredDeck filtered = 2}. */
function deckKind(blob: Blob): {normal: boolean; configId: number} {
	const r = reader(blob);
	let kind: 'none' | 'normal' | 'filtered' = 'none';
	let configId = 0n;
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 1 && wire === WireType.LengthDelimited) {
			if (kind !== 'normal') configId = 0n;
			kind = 'normal';
			const normal = reader(r.bytes());
			while (normal.pos < normal.len) {
				const [inner, innerWire] = normal.tag();
				if (inner === 1 && innerWire === WireType.Varint) configId = BigInt(normal.int64());
				else normal.skip(innerWire, inner);
			}
		} else if (field === 2 && wire === WireType.LengthDelimited) {
			kind = 'filtered';
			r.skip(wire, field);
		} else r.skip(wire, field);
	}
	// A deck with neither kind is read as a normal deck with the defaults, preset 0 read as 1 (deckFromRow).
	return {normal: kind !== 'filtered', configId: Number(configId) || 1};
}

export function notetypeOutlines18(db: Database.Database): NotetypeOutline[] {
	const rows = db.prepare('SELECT id, name, config FROM notetypes ORDER BY id').all() as Array<{id: number; name: string; config: Blob}>;
	// Only the fields and templates of real notetypes (exported files keep orphan rows), by ord.
	const fields = db
		.prepare('SELECT f.ntid, f.ord, f.name, f.config FROM fields f JOIN notetypes n ON n.id = f.ntid ORDER BY f.ntid, f.ord')
		.all() as Array<{ntid: number; ord: number; name: string; config: Blob}>;
	const templates = db
		.prepare('SELECT t.ntid, t.ord, t.name FROM templates t JOIN notetypes n ON n.id = t.ntid ORDER BY t.ntid, t.ord')
		.all() as Array<{ntid: number; ord: number; name: string}>;
	return rows.map(row => {
		const config = notetypeConfig(row.config);
		return {
			id: row.id,
			name: row.name,
			kind: config.kind === 1 ? 'cloze' : 'standard',
			sortFieldIndex: config.sortFieldIdx,
			fields: fields
				.filter(field => field.ntid === row.id)
				.map(field => ({name: field.name, ord: field.ord, extra: {excludeFromSearch: excludedFromSearch(field.config)}})),
			templates: templates.filter(template => template.ntid === row.id).map(template => ({name: template.name, ord: template.ord})),
		};
	});
}

export function deckOutlines18(db: Database.Database): DeckOutline[] {
	const rows = db.prepare('SELECT id, name, kind FROM decks ORDER BY id').all() as Array<{id: number; name: string; kind: Blob}>;
	return rows.map(row => {
		const kind = deckKind(row.kind);
		const deck: DeckOutline = {id: row.id, name: deckNameFromNative(row.name)};
		if (kind.normal) deck.normal = {configId: kind.configId};
		return deck;
	});
}

export function deckConfigNames18(db: Database.Database): DeckConfigName[] {
	return db.prepare('SELECT id, name FROM deck_config ORDER BY id').all() as DeckConfigName[];
}
