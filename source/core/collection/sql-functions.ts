// The SQL functions Anki registers on every connection (rslib storage/sqlite.rs): the FSRS ones the
// review orders use (`extract_fsrs_retrievability`, `extract_fsrs_relative_retrievability`,
// `extract_fsrs_variable`, computed in f32 as Anki does; arguments: data, due or odue, ivl, today,
// next_day_at, now_secs), and the ones searches use (regexp, regexp_fields, regexp_tags,
// process_text, extract_custom_data, field_at_index, extract_original_position).
import type Database from 'better-sqlite3';
import {parseCardData} from './card-data.js';
import {fnvHash} from './fnv-hash.js';
import {cachedRustRegex} from '../text/rust-regex.js';
import {stripClozes, withoutCombining} from '../text/search-text.js';

const f32 = Math.fround;
/** fsrs-rs FSRS5_DEFAULT_DECAY, used when `data` has no `decay`. */
const DEFAULT_DECAY = 0.5;
const DAY = 86400;

/** Rust `x as u32` for an i64: wraps modulo 2^32. */
const asU32 = (x: number): number => x >>> 0;
const saturatingSub = (a: number, b: number): number => Math.max(0, a - b);

/** fsrs-rs `current_retrievability`: (t/S * factor + 1)^-decay. */
export function currentRetrievability(stability: number, elapsedDays: number, decay: number): number {
	decay = f32(decay);
	const factor = f32(f32(Math.pow(f32(0.9), f32(1 / -decay))) - 1);
	return f32(Math.pow(f32(f32(f32(f32(elapsedDays) / f32(stability)) * factor) + 1), -decay));
}

function isText(value: unknown): value is string {
	return typeof value === 'string';
}

function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value);
}

/** FSRS retrievability now, or null when the card has no memory state (SM-2 cards sort as NULL). */
export function extractRetrievability(data: unknown, due: unknown, ivl: unknown, today: unknown, _nextDayAt: unknown, now: unknown): number | null {
	if (!isText(data) || data === '' || !isInteger(due) || !isInteger(now)) return null;
	const card = parseCardData(data);
	let secs: number;
	if (card.lrt !== undefined) {
		secs = saturatingSub(asU32(now), asU32(card.lrt));
	} else if (due > 365_000) {
		if (!isInteger(ivl)) return null;
		secs = saturatingSub(asU32(now), saturatingSub(asU32(due), asU32(ivl))); // (re)learning: due in secs
	} else {
		if (!isInteger(ivl) || !isInteger(today)) return null;
		secs = saturatingSub(asU32(today), saturatingSub(asU32(due), asU32(ivl))) * DAY;
	}
	if (card.s === undefined || card.d === undefined) return null;
	return currentRetrievability(card.s, f32(secs / DAY), card.decay ?? DEFAULT_DECAY);
}

/**
 * How far a card has fallen below its desired retention (lower = more urgent). Without FSRS data
 * it falls back to SM-2's -(days elapsed + 0.001) / interval.
 */
export function extractRelativeRetrievability(data: unknown, due: unknown, ivl: unknown, today: unknown, _nextDayAt: unknown, now: unknown): number | null {
	if (!isInteger(due) || !isInteger(ivl) || !isInteger(now)) return null;
	let secs: number;
	if (due > 365_000) {
		secs = saturatingSub(asU32(now), asU32(due));
	} else {
		if (!isInteger(today)) return null;
		const reviewDay = due - ivl;
		secs = saturatingSub(asU32(today), asU32(reviewDay)) * DAY;
	}
	if (isText(data) && data !== '') {
		const card = parseCardData(data);
		if (card.s !== undefined && card.d !== undefined && card.dr !== undefined) {
			const desired = f32(Math.max(card.dr, 0.0001));
			const decay = f32(card.decay ?? DEFAULT_DECAY);
			const elapsed = card.lrt !== undefined ? saturatingSub(asU32(now), asU32(card.lrt)) : secs;
			const r = f32(Math.max(currentRetrievability(card.s, f32(elapsed / DAY), decay), 0.0001));
			const exponent = f32(-1 / decay);
			return f32(-f32(f32(Math.pow(r, exponent)) - 1) / f32(f32(Math.pow(desired, exponent)) - 1));
		}
	}
	const days = Math.floor(secs / DAY);
	return f32(-f32(days + f32(0.001)) / f32(Math.max(ivl, 1)));
}

/** `extract_fsrs_variable(data, 's' | 'd' | 'dr')`: the stored value, or null. */
export function extractFsrsVariable(data: unknown, key: unknown): number | null {
	if (!isText(data) || data === '' || !isText(key)) return null;
	const card = parseCardData(data);
	const value = key === 's' ? card.s : key === 'd' ? card.d : key === 'dr' ? card.dr : undefined;
	return value === undefined ? null : f32(value);
}

function registerFnvHash(db: Database.Database): void {
	db.function('fnvhash', {deterministic: true, varargs: true, safeIntegers: true}, (...args: unknown[]) =>
		fnvHash(...args.map(a => (typeof a === 'bigint' ? a : BigInt(Math.trunc(Number(a ?? 0)))))),
	);
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

/** `regexp(re, text)` (what `text REGEXP re` calls): the pattern in Rust syntax, as Anki's searches write them. */
function regexp(pattern: unknown, text: unknown): number {
	return cachedRustRegex(asText(pattern)).test(asText(text)) ? 1 : 0;
}

/** `regexp_fields(re, flds, idx...)`: some field (only the listed ones, if any) matches. */
function regexpFields(pattern: unknown, flds: unknown, ...indices: unknown[]): number {
	const re = cachedRustRegex(asText(pattern));
	const wanted = indices.length > 0 ? new Set(indices.map(Number)) : undefined;
	const fields = asText(flds).split('\x1f');
	return fields.some((field, index) => (!wanted || wanted.has(index)) && re.test(field)) ? 1 : 0;
}

/** `regexp_tags(re, tags)`: some space-separated item matches (the empty ends of " a b " included). */
function regexpTags(pattern: unknown, tags: unknown): number {
	const re = cachedRustRegex(asText(pattern));
	return asText(tags).split(' ').some(tag => re.test(tag)) ? 1 : 0;
}

/** `process_text(text, flags)`: 1 = nc: folding, 2 = clozes stripped; NULL when nothing changed (callers coalesce). */
function processText(text: unknown, flags: unknown): string | null {
	const original = asText(text);
	let out = original;
	if (Number(flags) & 2) out = stripClozes(out);
	if (Number(flags) & 1) out = withoutCombining(out);
	return out === original ? null : out;
}

/** `extract_custom_data(data, key)`: a value of the card's custom data (`data.cd`), as text. */
function extractCustomData(data: unknown, key: unknown): string | null {
	if (typeof data !== 'string' || data === '' || typeof key !== 'string') return null;
	const cd = parseCardData(data).cd;
	if (cd === undefined) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(cd);
	} catch {
		return null;
	}
	if (!parsed || typeof parsed !== 'object' || !Object.hasOwn(parsed, key)) return null;
	const value = (parsed as Record<string, unknown>)[key];
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `field_at_index(flds, i)`: one field, or '' when out of range. */
function fieldAtIndex(flds: unknown, index: unknown): string {
	return asText(flds).split('\x1f')[Number(index)] ?? '';
}

/** `extract_original_position(data)`: the new-queue position a card had before it was first studied. */
function extractOriginalPosition(data: unknown): number | null {
	if (typeof data !== 'string' || data === '') return null;
	return parseCardData(data).pos ?? null;
}

/**
 * The SQL functions Anki's storage layer registers on every connection it opens (rslib
 * storage/sqlite.rs): the review orders and searches use them, so they are set up once at open.
 */
export function registerSqlFunctions(db: Database.Database): void {
	registerFnvHash(db);
	db.function('extract_fsrs_retrievability', {deterministic: true}, extractRetrievability);
	db.function('extract_fsrs_relative_retrievability', {deterministic: true}, extractRelativeRetrievability);
	db.function('extract_fsrs_variable', {deterministic: true}, extractFsrsVariable);
	db.function('regexp', {deterministic: true}, regexp);
	db.function('regexp_fields', {deterministic: true, varargs: true}, regexpFields as (...args: unknown[]) => number);
	db.function('regexp_tags', {deterministic: true}, regexpTags);
	db.function('process_text', {deterministic: true}, processText);
	db.function('extract_custom_data', {deterministic: true}, extractCustomData);
	db.function('field_at_index', {deterministic: true}, fieldAtIndex);
	db.function('extract_original_position', {deterministic: true}, extractOriginalPosition);
}
