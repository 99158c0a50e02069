// What the deck list counts and shows of schema 18's decks and presets (model.ts DeckForList,
// PresetLimits), read from the few protobuf fields it needs with protobuf-es's wire reader, as
// outlines18.ts does for a search. Decoding the whole blobs (convert18.ts) first builds protobuf-es's
// schemas and runs its reflective decoder cold: 20-30 ms of CPU before a schema-18 deck list can be
// painted or `decks` can answer. Field numbers are those of anki_blobs.proto (Anki's decks.proto and
// deck_config.proto); fields are read as protobuf decoders do: the last occurrence of a scalar wins,
// a message field seen twice is merged, and the last member of a oneof seen is the one set. Each
// value is what deckFromRow / deckConfigFromBlob make of it (test/collection/deck-list18.test.ts).
import type Database from 'better-sqlite3';
import {WireType} from '@bufbuild/protobuf/wire';
import {blobReader as reader, type Blob} from './wire-read.js';
import type {DayLimit, DeckForList, DeckToday, PresetLimits} from '../model.js';
import {deckNameFromNative} from './convert18.js';
import {validDeckConfigValue} from './deck-config-values.js';


/** DeckCommon: study_collapsed = 1, last_day_studied = 3, new/review/learning studied = 4, 5, 6, milliseconds = 7. */
function deckCommon(blob: Blob): {collapsed: boolean; today: DeckToday} {
	const r = reader(blob);
	const today: DeckToday = {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0};
	let collapsed = false;
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (wire !== WireType.Varint) r.skip(wire, field);
		else if (field === 1) collapsed = r.bool();
		else if (field === 3) today.day = r.uint32();
		else if (field === 4) today.newStudied = r.int32();
		else if (field === 5) today.reviewStudied = r.int32();
		else if (field === 6) today.learningStudied = r.int32();
		else if (field === 7) today.millisecondsStudied = r.int32();
		else r.skip(wire, field);
	}
	return {collapsed, today};
}

/** DayLimit: limit = 1, today = 2 (merged into `into` when the field comes twice). */
function dayLimit(bytes: Uint8Array, into: DayLimit | null): DayLimit {
	const r = reader(bytes);
	const out = into ?? {limit: 0, today: 0};
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 1 && wire === WireType.Varint) out.limit = r.uint32();
		else if (field === 2 && wire === WireType.Varint) out.today = r.uint32();
		else r.skip(wire, field);
	}
	return out;
}

type NormalForList = NonNullable<DeckForList['normal']>;

const newNormal = (): {configId: bigint; reviewLimit: number | null; newLimit: number | null; reviewLimitToday: DayLimit | null; newLimitToday: DayLimit | null} => ({
	configId: 0n,
	reviewLimit: null,
	newLimit: null,
	reviewLimitToday: null,
	newLimitToday: null,
});

/** NormalDeck: config_id = 1, optional review_limit = 6 and new_limit = 7, DayLimit review/new_limit_today = 8, 9. */
function readNormal(bytes: Uint8Array, into: ReturnType<typeof newNormal>): void {
	const r = reader(bytes);
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 1 && wire === WireType.Varint) into.configId = BigInt(r.int64());
		else if (field === 6 && wire === WireType.Varint) into.reviewLimit = r.uint32();
		else if (field === 7 && wire === WireType.Varint) into.newLimit = r.uint32();
		else if (field === 8 && wire === WireType.LengthDelimited) into.reviewLimitToday = dayLimit(r.bytes(), into.reviewLimitToday);
		else if (field === 9 && wire === WireType.LengthDelimited) into.newLimitToday = dayLimit(r.bytes(), into.newLimitToday);
		else r.skip(wire, field);
	}
}

/** DeckKindContainer: oneof kind {NormalDeck normal = 1; FilteredDeck filtered = 2}; neither reads as a normal deck with the defaults. */
function deckKind(blob: Blob): {filtered: true} | {filtered: false; normal: NormalForList} {
	const r = reader(blob);
	let kind: 'none' | 'normal' | 'filtered' = 'none';
	let normal = newNormal();
	while (r.pos < r.len) {
		const [field, wire] = r.tag();
		if (field === 1 && wire === WireType.LengthDelimited) {
			if (kind !== 'normal') normal = newNormal();
			kind = 'normal';
			readNormal(r.bytes(), normal);
		} else if (field === 2 && wire === WireType.LengthDelimited) {
			kind = 'filtered';
			r.skip(wire, field);
		} else r.skip(wire, field);
	}
	if (kind === 'filtered') return {filtered: true};
	// Preset 0 reads as the default preset 1 (deckFromRow).
	return {filtered: false, normal: {...normal, configId: Number(normal.configId) || 1}};
}

export function deckListDecks18(db: Database.Database): DeckForList[] {
	const rows = db.prepare('SELECT id, name, common, kind FROM decks ORDER BY id').all() as Array<{id: number; name: string; common: Blob; kind: Blob}>;
	return rows.map(row => {
		const {collapsed, today} = deckCommon(row.common);
		const kind = deckKind(row.kind);
		const deck: DeckForList = {id: row.id, name: deckNameFromNative(row.name), collapsed, today};
		if (kind.filtered) deck.filtered = {};
		else deck.normal = kind.normal;
		return deck;
	});
}

/** DeckConfig.Config: new_per_day = 9, reviews_per_day = 10, kept within Anki's ranges as on load. */
export function presetLimits18(db: Database.Database): PresetLimits[] {
	const rows = db.prepare('SELECT id, config FROM deck_config ORDER BY id').all() as Array<{id: number; config: Blob}>;
	return rows.map(row => {
		const r = reader(row.config);
		let newPerDay = 0;
		let reviewsPerDay = 0;
		while (r.pos < r.len) {
			const [field, wire] = r.tag();
			if (field === 9 && wire === WireType.Varint) newPerDay = r.uint32();
			else if (field === 10 && wire === WireType.Varint) reviewsPerDay = r.uint32();
			else r.skip(wire, field);
		}
		return {id: row.id, newPerDay: validDeckConfigValue('newPerDay', newPerDay), reviewsPerDay: validDeckConfigValue('reviewsPerDay', reviewsPerDay)};
	});
}
