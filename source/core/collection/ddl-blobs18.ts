// Protobuf blobs a fresh schema-18 collection holds (Deck.Common/KindContainer, DeckConfig.Config,
// Notetype/Field/Template configs), written field by field in field-number order with zero
// values omitted, exactly as Anki's prost encoder does. Only what createCollection needs.
import {BinaryWriter, WireType} from '@bufbuild/protobuf/wire';
import type {DeckConfig, Notetype, NotetypeField, NotetypeTemplate} from '../model.js';
import type {LegacyRequirement} from './ddl-stock-notetypes.js';

function packedFloats(w: BinaryWriter, field: number, values: number[]): void {
	if (values.length === 0) return;
	w.tag(field, WireType.LengthDelimited).fork();
	for (const v of values) w.float(v);
	w.join();
}

function packedUints(w: BinaryWriter, field: number, values: number[]): void {
	if (values.length === 0) return;
	w.tag(field, WireType.LengthDelimited).fork();
	for (const v of values) w.uint32(v);
	w.join();
}

const u32 = (w: BinaryWriter, f: number, v: number) => v && w.tag(f, WireType.Varint).uint32(v);
const i32 = (w: BinaryWriter, f: number, v: number) => v && w.tag(f, WireType.Varint).int32(v);
const bool = (w: BinaryWriter, f: number, v: boolean) => v && w.tag(f, WireType.Varint).bool(true);
const f32 = (w: BinaryWriter, f: number, v: number) => v && w.tag(f, WireType.Bit32).float(v);
const str = (w: BinaryWriter, f: number, v: string) => v && w.tag(f, WireType.LengthDelimited).string(v);

/** Deck.Common of a new normal deck: collapsed in the study list and the browser. */
export function deckCommonBlob(collapsed: boolean, browserCollapsed: boolean): Uint8Array {
	const w = new BinaryWriter();
	bool(w, 1, collapsed);
	bool(w, 2, browserCollapsed);
	return w.finish();
}

/** Deck.KindContainer{normal: {config_id}}. */
export function normalDeckKindBlob(configId: number): Uint8Array {
	const w = new BinaryWriter();
	w.tag(1, WireType.LengthDelimited).fork();
	if (configId) w.tag(1, WireType.Varint).int64(configId);
	w.join();
	return w.finish();
}

/** DeckConfig.Config for an options group (defaults from deckconfig/mod.rs). */
export function deckConfigBlob(c: DeckConfig): Uint8Array {
	const w = new BinaryWriter();
	packedFloats(w, 1, c.learnSteps);
	packedFloats(w, 2, c.relearnSteps);
	// easy_days_percentages: current Anki writes seven 1.0 values
	packedFloats(w, 4, [1, 1, 1, 1, 1, 1, 1]);
	packedFloats(w, 6, c.fsrsParams);
	u32(w, 9, c.newPerDay);
	u32(w, 10, c.reviewsPerDay);
	f32(w, 11, c.initialEase);
	f32(w, 12, c.easyMultiplier);
	f32(w, 13, c.hardMultiplier);
	f32(w, 14, c.lapseMultiplier);
	f32(w, 15, c.intervalMultiplier);
	u32(w, 16, c.maximumReviewInterval);
	u32(w, 17, c.minimumLapseInterval);
	u32(w, 18, c.graduatingIntervalGood);
	u32(w, 19, c.graduatingIntervalEasy);
	i32(w, 20, c.newCardInsertOrder);
	i32(w, 21, c.leechAction);
	u32(w, 22, c.leechThreshold);
	bool(w, 23, c.disableAutoplay);
	u32(w, 24, c.capAnswerTimeToSecs);
	bool(w, 27, c.buryNew);
	bool(w, 28, c.buryReviews);
	bool(w, 29, c.buryInterdayLearning);
	i32(w, 30, c.newMix);
	i32(w, 31, c.interdayLearningMix);
	i32(w, 32, c.newCardSortOrder);
	i32(w, 33, c.reviewOrder);
	i32(w, 34, c.newCardGatherPriority);
	f32(w, 37, c.desiredRetention);
	f32(w, 40, 0.9); // historical_retention default
	bool(w, 44, true); // wait_for_audio default
	return w.finish();
}

const requirementKind = {none: 0, any: 1, all: 2} as const;

/** Notetype.Config. */
export function notetypeConfigBlob(nt: Notetype, requirements: LegacyRequirement[]): Uint8Array {
	const w = new BinaryWriter();
	i32(w, 1, nt.kind === 'cloze' ? 1 : 0);
	u32(w, 2, nt.sortFieldIndex);
	str(w, 3, nt.css);
	str(w, 5, nt.latexPre);
	str(w, 6, nt.latexPost);
	bool(w, 7, nt.latexSvg);
	for (const [ord, kind, fields] of requirements) {
		w.tag(8, WireType.LengthDelimited).fork();
		u32(w, 1, ord);
		i32(w, 2, requirementKind[kind]);
		packedUints(w, 3, fields);
		w.join();
	}
	i32(w, 9, nt.originalStockKind);
	return w.finish();
}

/** Notetype.Field.Config (name and ord live in table columns). */
export function fieldConfigBlob(f: NotetypeField): Uint8Array {
	const x = f.extra ?? {};
	const w = new BinaryWriter();
	bool(w, 1, Boolean(x.sticky));
	bool(w, 2, Boolean(x.rtl));
	str(w, 3, String(x.font ?? 'Arial'));
	u32(w, 4, Number(x.size ?? 20));
	str(w, 5, String(x.description ?? ''));
	bool(w, 6, Boolean(x.plainText));
	bool(w, 7, Boolean(x.collapsed));
	bool(w, 8, Boolean(x.excludeFromSearch));
	if (x.id !== undefined && x.id !== null) w.tag(9, WireType.Varint).int64(BigInt(String(x.id)));
	// optional fields are written even when zero
	if (x.tag !== undefined && x.tag !== null) w.tag(10, WireType.Varint).uint32(Number(x.tag));
	bool(w, 11, Boolean(x.preventDeletion));
	return w.finish();
}

/** Notetype.Template.Config. */
export function templateConfigBlob(t: NotetypeTemplate): Uint8Array {
	const x = t.extra ?? {};
	const w = new BinaryWriter();
	str(w, 1, t.qfmt);
	str(w, 2, t.afmt);
	str(w, 3, String(x.bqfmt ?? ''));
	str(w, 4, String(x.bafmt ?? ''));
	if (t.targetDeckId) w.tag(5, WireType.Varint).int64(t.targetDeckId);
	str(w, 6, String(x.bfont ?? ''));
	u32(w, 7, Number(x.bsize ?? 0));
	if (x.id !== undefined && x.id !== null) w.tag(8, WireType.Varint).int64(BigInt(String(x.id)));
	return w.finish();
}
