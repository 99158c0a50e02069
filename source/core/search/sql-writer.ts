// Parsed search → SQL WHERE text with bound parameters (rslib search/sqlwriter.rs). User text only
// ever travels as a parameter; the SQL text holds our own operators and column names. Terms are
// each wrapped in parentheses (Anki leaves `did:` and `sc:` bare, which makes `-did:1` bind wrongly).
import {cachedRustRegex, escapeRustRegex, RegexSyntaxError} from '../text/rust-regex.js';
import {globMatcher, isGlob, toCustomRegex, toRegex, toSqlLike, unescapeAll, unicaseEquals, withoutCombining} from '../text/search-text.js';
import type {SearchContext} from './context.js';
import {searchError} from './errors.js';
import type {FieldMode, Node, Operator, Property, Rating, StateKind, Term} from './nodes.js';

export type SqlParam = string | number | bigint | null;

/** Which tables a search reads: `either` terms (nid:, the whole collection) fit both. */
export type RequiredTable = 'cards' | 'notes' | 'both' | 'either';

export function combineTables(a: RequiredTable, b: RequiredTable): RequiredTable {
	if (a === 'both' || b === 'both') return 'both';
	if (a === 'either') return b;
	if (b === 'either') return a;
	return a === b ? a : 'both';
}

function termTable(term: Term): RequiredTable {
	switch (term.kind) {
		case 'added':
		case 'introduced':
		case 'deck':
		case 'deck-ids':
		case 'rated':
		case 'state':
		case 'flag':
		case 'card-ids':
		case 'prop':
		case 'custom-data':
		case 'preset':
			return 'cards';
		case 'note-ids':
		case 'whole':
			return 'either';
		case 'template':
			return 'both';
		default:
			return 'notes';
	}
}

export function nodeTable(node: Node): RequiredTable {
	switch (node.type) {
		case 'and':
		case 'or':
			return 'either';
		case 'not':
			return nodeTable(node.node);
		case 'group':
			return node.nodes.reduce<RequiredTable>((table, child) => combineTables(table, nodeTable(child)), 'either');
		case 'search':
			return termTable(node.term);
	}
}

/** Card types and queues (rslib card/mod.rs). */
const NEW = 0;
const QUEUE_LEARN = 1;
const QUEUE_REVIEW = 2;
const QUEUE_DAY_LEARN = 3;
const QUEUE_PREVIEW = 4;

const DAY = 86_400;
const EFFECTIVE_DUE = '(CASE WHEN c.odue != 0 THEN c.odue ELSE c.due END)';
const NO_COMBINING = 1;
const STRIP_CLOZES = 2;

/** The shortest decimal that reads back as the same f32 (Rust's Display for f32, which Anki pastes into SQL). */
export function f32Decimal(value: number): number {
	if (!Number.isFinite(value)) return value;
	for (let digits = 1; digits <= 9; digits++) {
		const candidate = Number(value.toPrecision(digits));
		if (Math.fround(candidate) === value) return candidate;
	}
	return value;
}

/** Rust `x as u32` from f32: truncates, saturates, NaN → 0. */
function asU32(value: number): number {
	if (Number.isNaN(value) || value <= 0) return 0;
	return Math.min(Math.trunc(value), 0xffffffff);
}

const MAX_I64 = 2n ** 63n - 1n;

/** Ids from `nid:`/`cid:`/`did:` that can exist (a value beyond i64 matches no row). */
function idList(ids: string): bigint[] {
	return ids
		.split(',')
		.map(id => BigInt(id))
		.filter(id => id <= MAX_I64);
}

/** A deck name as Anki stores it: components NFC'd, control characters dropped, trimmed of spaces and `:`, `blank` when empty. */
export function nativeDeckName(humanName: string): string {
	return humanName
		.split('::')
		.map(component => {
			const cleaned = component.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '');
			const trimmed = cleaned.replace(/^[\s:]+|[\s:]+$/gu, '');
			return trimmed === '' ? 'blank' : trimmed;
		})
		.join('\u001f');
}

export interface WriterLookups {
	/** Note ids of notetype `ntid` whose first field, stripped of HTML, equals `text` stripped (dupe:). */
	duplicates(notetypeId: bigint, text: string): number[];
}

/**
 * `c.odid` in `deck:` and `preset:`, kept from schema 18's idx_cards_odid (the unary plus): with it
 * SQLite, which has no statistics in a collection, plans `c.did IN (…) OR c.odid IN (…)` as a
 * MULTI-INDEX OR, a b-tree search per card, which for a deck of thousands of cards takes about twice
 * the time of the scan schema 11 (no such index) always does: 104 against 65 ms for 8,336 of 100k
 * cards, 1.2 against 0.6 s for all of them. A deck of a few cards scans too (about 20 ms at 100k).
 */
const HOME_DECK = '+c.odid';

export class SqlWriter {
	private sql = '';
	readonly params: SqlParam[] = [];
	/** Names the search gave that match nothing in this collection (`no deck matches "x"`), for a hint. */
	readonly unmatched: string[] = [];

	constructor(
		private readonly ctx: SearchContext,
		private readonly lookups: WriterLookups,
		/** The tables the final query selects from; decides whether `nid:` reads `n.id` or `c.nid`. */
		private readonly table: Exclude<RequiredTable, 'either'>,
	) {}

	/** The WHERE text for a list of top-level nodes. */
	write(nodes: readonly Node[]): string {
		this.node({type: 'group', nodes: [...nodes]});
		return this.sql;
	}

	private node(node: Node): void {
		switch (node.type) {
			case 'and':
				this.sql += ' AND ';
				return;
			case 'or':
				this.sql += ' OR ';
				return;
			case 'not':
				this.sql += 'NOT ';
				this.node(node.node);
				return;
			case 'group':
				this.sql += '(';
				for (const child of node.nodes) this.node(child);
				this.sql += ')';
				return;
			case 'search':
				this.sql += '(';
				this.term(node.term);
				this.sql += ')';
		}
	}

	private push(...values: SqlParam[]): void {
		this.params.push(...values);
	}

	/** Validates a Rust-syntax regex now, so a bad one is a clear error rather than a failing SQL function. */
	private regexParam(pattern: string): string {
		try {
			cachedRustRegex(pattern);
		} catch (error) {
			if (error instanceof RegexSyntaxError) throw searchError({kind: 'InvalidRegex', info: error.message});
			throw error;
		}
		return pattern;
	}

	/** `column IN (…)` over ids; an empty list matches nothing. */
	private inList(column: string, ids: readonly (number | bigint)[]): void {
		if (ids.length === 0) {
			this.sql += 'false';
			return;
		}
		if (ids.length <= 100) {
			this.sql += `${column} IN (${ids.map(() => '?').join(', ')})`;
			this.push(...ids.map(id => BigInt(id)));
			return;
		}
		this.sql += `${column} IN (SELECT value FROM json_each(?))`;
		this.push(`[${ids.join(',')}]`);
	}

	private normText(text: string): string {
		return this.ctx.normalizeText ? text.normalize('NFC') : text;
	}

	private term(term: Term): void {
		switch (term.kind) {
			case 'whole':
				this.sql += 'true';
				return;
			case 'text':
				return this.unqualified(this.normText(term.text), this.ctx.ignoreAccents, false);
			case 'nc':
				return this.unqualified(this.normText(term.text), true, false);
			case 'sc':
				return this.unqualified(this.normText(term.text), this.ctx.ignoreAccents, true);
			case 'field':
				return this.field(term.field.normalize('NFC'), this.normText(term.text), term.mode);
			case 'regex':
				return this.regex(this.normText(term.pattern), false);
			case 'word':
				return this.regex(`\\b${toRegex(this.normText(term.text))}\\b`, this.ctx.ignoreAccents);
			case 'dupe':
				return this.inList('n.id', this.lookups.duplicates(term.notetypeId, this.normText(term.text)));
			case 'added':
				this.sql += 'c.id > ?';
				this.push(BigInt(this.dayCutoff(term.days)) * 1000n);
				return;
			case 'edited':
				this.sql += 'n.mod > ?';
				this.push(BigInt(this.dayCutoff(term.days)));
				return;
			case 'introduced': {
				const cutoff = BigInt(this.dayCutoff(term.days)) * 1000n;
				// The first real answer (ease 0 rows are manual reschedules) falls inside the window.
				this.sql +=
					'(SELECT coalesce(min(id) > ?, false) FROM revlog WHERE cid = c.id AND ease != 0) AND c.id IN (SELECT cid FROM revlog WHERE id > ?)';
				this.push(cutoff, cutoff);
				return;
			}
			case 'template':
				return 'ord' in term ? this.templateOrd(term.ord) : this.templateName(term.name.normalize('NFC'));
			case 'deck':
				return this.deck(term.name.normalize('NFC'));
			case 'deck-ids': {
				const ids = idList(term.ids);
				this.inList('c.did', ids);
				this.sql += ' OR (c.odid != 0 AND ';
				this.inList(HOME_DECK, ids);
				this.sql += ')';
				return;
			}
			case 'notetype-id':
				this.sql += 'n.mid = ?';
				this.push(term.id);
				return;
			case 'notetype':
				return this.notetype(term.name.normalize('NFC'));
			case 'rated':
				return this.rated('>', -term.days, term.rating);
			case 'tag':
				return this.tag(term.tag.normalize('NFC'), term.mode);
			case 'state':
				return this.state(term.state);
			case 'flag':
				this.sql += '(c.flags & 7) = ?';
				this.push(BigInt(term.flag));
				return;
			case 'note-ids':
				return this.inList(this.table === 'cards' ? 'c.nid' : 'n.id', idList(term.ids));
			case 'card-ids':
				return this.inList('c.id', idList(term.ids));
			case 'prop':
				return this.prop(term.op, term.property);
			case 'custom-data':
				this.sql += 'extract_custom_data(c.data, ?) IS NOT NULL';
				this.push(term.key);
				return;
			case 'preset':
				return this.preset(term.name);
		}
	}

	/** Epoch secs of the start of the day `days` days back counting today as 1 (`next_day_at - 86400·days`). */
	private dayCutoff(days: number): number {
		return this.ctx.nextDayAt - DAY * days;
	}

	/**
	 * Plain text: LIKE '%text%' on the sort field and on all fields (`nc`: both sides folded;
	 * `sc`: clozes stripped, cloze notetypes only). Fields marked "exclude from search" are left out
	 * by giving each notetype a LIKE pattern with `%` in every excluded slot.
	 */
	private unqualified(text: string, noCombining: boolean, stripClozes: boolean): void {
		let pattern = toSqlLike(text);
		if (noCombining) pattern = withoutCombining(pattern);
		const arg = `%${pattern}%`;
		const flags = (noCombining ? NO_COMBINING : 0) | (stripClozes ? STRIP_CLOZES : 0);
		const sfld = flags ? `coalesce(process_text(cast(n.sfld AS text), ${flags}), n.sfld)` : 'n.sfld';
		const flds = flags ? `coalesce(process_text(n.flds, ${flags}), n.flds)` : 'n.flds';
		if (stripClozes) {
			this.inList('n.mid', this.ctx.notetypes.filter(nt => nt.kind === 'cloze').map(nt => nt.id));
			this.sql += ' AND ';
		}
		const anyExcluded = this.ctx.notetypes.some(nt => nt.fields.some(excludedFromSearch));
		if (!anyExcluded) {
			this.sql += `(${sfld} LIKE ? ESCAPE '\\' OR ${flds} LIKE ? ESCAPE '\\')`;
			this.push(arg, arg);
			return;
		}
		const clauses: string[] = [];
		for (const nt of this.ctx.notetypes) {
			const included = nt.fields.filter(field => !excludedFromSearch(field)).map(field => field.ord);
			if (included.length === 0) continue;
			const sortExcluded = nt.fields.some(field => field.ord === nt.sortFieldIndex && excludedFromSearch(field));
			const alternatives: string[] = [];
			const params: SqlParam[] = [BigInt(nt.id)];
			// Adjacent included fields share one slot, as Anki's collect_ranges(join) does: `%text%` spans them.
			for (const range of ranges(included, true)) {
				alternatives.push(`${flds} LIKE ? ESCAPE '\\'`);
				params.push(slotPattern(nt.fields.length, range, arg));
			}
			if (!sortExcluded) {
				alternatives.push(`${sfld} LIKE ? ESCAPE '\\'`);
				params.push(arg);
			}
			clauses.push(`(n.mid = ? AND (${alternatives.join(' OR ')}))`);
			this.push(...params);
		}
		this.sql += clauses.length ? clauses.join(' OR ') : 'false';
	}

	private field(name: string, value: string, mode: FieldMode): void {
		if (name === '*' || name === '_*' || name === '*_') {
			this.sql += 'regexp_fields(?, n.flds)';
			this.push(this.regexParam(mode === 'regex' ? `(?i)${value}` : `(?is)^${toRegex(value)}$`));
			return;
		}
		const matcher = globMatcher(name, cachedRustRegex);
		const matched = this.ctx.notetypes
			.map(nt => ({nt, ords: nt.fields.filter(field => matcher(field.name.normalize('NFC'))).map(field => field.ord)}))
			.filter(entry => entry.ords.length > 0)
			.sort((a, b) => a.nt.id - b.nt.id);
		if (matched.length === 0) {
			this.unmatched.push(`no field matches "${name}"`);
			this.sql += 'false';
			return;
		}
		if (mode === 'regex') {
			const pattern = this.regexParam(`(?i)${value}`);
			this.sql += matched
				.map(({nt, ords}) => {
					this.push(BigInt(nt.id), pattern, ...ords.map(ord => BigInt(ord)));
					return `(n.mid = ? AND regexp_fields(?, n.flds${', ?'.repeat(ords.length)}))`;
				})
				.join(' OR ');
			return;
		}
		let like = toSqlLike(value);
		let flds = 'n.flds';
		if (mode === 'nc') {
			like = withoutCombining(like);
			flds = `coalesce(process_text(n.flds, ${NO_COMBINING}), n.flds)`;
		}
		// Each matched field is its own slot. Anki merges adjacent matched fields into one slot
		// unless the value is a bare wildcard (sqlwriter.rs, commit d667abf), so `f*:dog` fails there
		// when two adjacent fields match; matching any one field is what the manual describes.
		this.sql += matched
			.map(({nt, ords}) => {
				this.push(BigInt(nt.id));
				const alternatives = ords.map(ord => {
					this.push(slotPattern(nt.fields.length, [ord, ord + 1], like));
					return `${flds} LIKE ? ESCAPE '\\'`;
				});
				return `(n.mid = ? AND (${alternatives.join(' OR ')}))`;
			})
			.join(' OR ');
	}

	/** `re:` (and `w:`): a regex over all fields joined by U+001F, or per field when some are excluded from search. */
	private regex(pattern: string, noCombining: boolean): void {
		const flds = noCombining ? `coalesce(process_text(n.flds, ${NO_COMBINING}), n.flds)` : 'n.flds';
		const arg = this.regexParam(`(?i)${noCombining ? withoutCombining(pattern) : pattern}`);
		const anyExcluded = this.ctx.notetypes.some(nt => nt.fields.some(excludedFromSearch));
		if (!anyExcluded) {
			this.sql += `${flds} REGEXP ?`;
			this.push(arg);
			return;
		}
		const clauses: string[] = [];
		for (const nt of this.ctx.notetypes) {
			const included = nt.fields.filter(field => !excludedFromSearch(field)).map(field => field.ord);
			if (included.length === 0) continue;
			if (included.length === nt.fields.length) {
				clauses.push(`(n.mid = ? AND ${flds} REGEXP ?)`);
				this.push(BigInt(nt.id), arg);
			} else {
				clauses.push(`(n.mid = ? AND regexp_fields(?, ${flds}${', ?'.repeat(included.length)}))`);
				this.push(BigInt(nt.id), arg, ...included.map(ord => BigInt(ord)));
			}
		}
		this.sql += clauses.length ? clauses.join(' OR ') : 'false';
	}

	private templateOrd(ord: number): void {
		this.sql += 'c.ord = ?';
		this.push(BigInt(ord));
	}

	/** `card:Name`: the (notetype, ord) pairs whose template name matches (cloze notetypes: ord 0 only). */
	private templateName(name: string): void {
		const matches = isGlob(name)
			? (() => {
					const re = this.compiled(`(?i)^${toRegex(name)}$`);
					return (candidate: string) => re.test(candidate);
				})()
			: (candidate: string) => unicaseEquals(candidate, unescapeAll(name));
		const pairs = this.ctx.notetypes.flatMap(nt => nt.templates.filter(t => matches(t.name)).map(t => [nt.id, t.ord] as const));
		if (pairs.length === 0) {
			this.unmatched.push(`no card type matches "${name}"`);
			this.sql += 'false';
			return;
		}
		this.sql += pairs.map(() => '(n.mid = ? AND c.ord = ?)').join(' OR ');
		for (const [mid, ord] of pairs) this.push(BigInt(mid), BigInt(ord));
	}

	private compiled(pattern: string): RegExp {
		this.regexParam(pattern);
		return cachedRustRegex(pattern);
	}

	private notetype(name: string): void {
		const matches = isGlob(name)
			? (() => {
					const re = this.compiled(`(?i)^${toRegex(name)}$`);
					return (candidate: string) => re.test(candidate);
				})()
			: (candidate: string) => unicaseEquals(candidate, unescapeAll(name));
		const ids = this.ctx.notetypes.filter(nt => matches(nt.name)).map(nt => nt.id);
		if (ids.length === 0) this.unmatched.push(`no note type matches "${name}"`);
		this.inList('n.mid', ids);
	}

	/**
	 * `deck:`: the decks whose native name matches `(?i)^name($|\x1f)` (so subdecks too), and cards
	 * in them or, from a filtered deck, with one of them as home deck.
	 */
	private deck(name: string): void {
		if (name === '*') {
			this.sql += 'true';
			return;
		}
		if (name === 'filtered') {
			this.sql += 'c.odid != 0';
			return;
		}
		let native: string;
		if (name === 'current') {
			const current = this.ctx.decks.find(deck => deck.id === this.ctx.currentDeckId);
			native = escapeRustRegex(current ? nativeDeckName(current.name) : 'Default');
		} else {
			native = nativeDeckName(toRegex(name));
		}
		const re = this.compiled(`(?i)^${native}($|\u001f)`);
		const ids = this.ctx.decks.filter(deck => re.test(deck.name.replaceAll('::', '\u001f'))).map(deck => deck.id);
		if (ids.length === 0) this.unmatched.push(`no deck matches "${name}"`);
		this.sql += '(';
		this.inList('c.did', ids);
		this.sql += ' OR (c.odid != 0 AND ';
		this.inList(HOME_DECK, ids);
		this.sql += '))';
	}

	private preset(name: string): void {
		const preset = this.ctx.deckConfigs.find(config => unicaseEquals(config.name, name));
		if (!preset) {
			this.unmatched.push(`no preset named "${name}"`);
			this.sql += 'false';
			return;
		}
		const ids = this.ctx.decks.filter(deck => deck.normal?.configId === preset.id).map(deck => deck.id);
		this.inList('c.did', ids);
		this.sql += ' OR ';
		this.inList(HOME_DECK, ids);
	}

	private tag(tag: string, mode: FieldMode): void {
		if (mode === 'regex') {
			this.sql += 'regexp_tags(?, n.tags)';
			this.push(this.regexParam(`(?i)${tag}`));
			return;
		}
		if (tag === 'none') {
			this.sql += "n.tags = ''";
			return;
		}
		if (tag === '*') {
			this.sql += 'true';
			return;
		}
		if (tag.includes(' ')) {
			this.sql += 'false';
			return;
		}
		if (mode === 'normal' && /^[\x21-\x7e]+$/.test(tag) && !/[*_\\%]/.test(tag)) {
			// An ASCII tag without wildcards: Anki's regex `(?i).* tag(::| ).*` is the tag itself or a
			// child of it, which LIKE says as fast and index-free. (The regex would also fold the
			// Kelvin sign and long s onto k and s; LIKE folds ASCII only.)
			this.sql += "(n.tags LIKE ? ESCAPE '\\' OR n.tags LIKE ? ESCAPE '\\')";
			this.push(`% ${tag} %`, `% ${tag}::%`);
			return;
		}
		const text = mode === 'nc' ? withoutCombining(tag) : tag;
		const tags = mode === 'nc' ? `coalesce(process_text(n.tags, ${NO_COMBINING}), n.tags)` : 'n.tags';
		this.sql += `${tags} REGEXP ?`;
		this.push(this.regexParam(`(?i).* ${toCustomRegex(text, '\\S')}(::| ).*`));
	}

	private state(state: StateKind): void {
		switch (state) {
			case 'new':
				this.sql += 'c.type = 0';
				return;
			case 'review':
				this.sql += 'c.type IN (2, 3)';
				return;
			case 'learn':
				this.sql += 'c.type IN (1, 3)';
				return;
			case 'buried':
				this.sql += 'c.queue IN (-2, -3)';
				return;
			case 'buried-manually':
				this.sql += 'c.queue = -3';
				return;
			case 'buried-sibling':
				this.sql += 'c.queue = -2';
				return;
			case 'suspended':
				this.sql += 'c.queue = -1';
				return;
			case 'due':
				this.sql += `(c.queue IN (${QUEUE_REVIEW}, ${QUEUE_DAY_LEARN}) AND c.due <= ?) OR (c.queue IN (${QUEUE_LEARN}, ${QUEUE_PREVIEW}) AND c.due <= ?)`;
				this.push(BigInt(this.ctx.today), BigInt(this.ctx.now + this.ctx.learnAheadSecs));
		}
	}

	/** Cards with a revlog row whose day index (0 today, -1 yesterday) compares as asked. */
	private rated(op: Operator, days: number, rating: Rating): void {
		const targetMs = BigInt(this.ctx.nextDayAt + DAY * days) * 1000n;
		const dayBeforeMs = BigInt(this.ctx.nextDayAt + DAY * (days - 1)) * 1000n;
		this.sql += 'c.id IN (SELECT cid FROM revlog WHERE id';
		switch (op) {
			case '>':
				this.sql += ' >= ?';
				this.push(targetMs);
				break;
			case '>=':
				this.sql += ' >= ?';
				this.push(dayBeforeMs);
				break;
			case '<':
				this.sql += ' < ?';
				this.push(dayBeforeMs);
				break;
			case '<=':
				this.sql += ' < ?';
				this.push(targetMs);
				break;
			case '=':
				this.sql += ' BETWEEN ? AND ?';
				this.push(dayBeforeMs, targetMs - 1n);
				break;
			case '!=':
				this.sql += ' NOT BETWEEN ? AND ?';
				this.push(dayBeforeMs, targetMs - 1n);
				break;
		}
		if (rating === 'any') this.sql += ' AND ease > 0)';
		else if (rating === 'resched') this.sql += ' AND ease = 0)';
		else {
			this.sql += ' AND ease = ?)';
			this.push(BigInt(rating));
		}
	}

	private prop(op: Operator, property: Property): void {
		const sqlOp = op;
		switch (property.prop) {
			case 'due':
				// Review and day-learning cards compare day numbers; intraday learning cards compare
				// whole days from the rollover (integer division, as in Anki).
				this.sql += `(c.queue IN (${QUEUE_REVIEW}, ${QUEUE_DAY_LEARN}) AND ${EFFECTIVE_DUE} ${sqlOp} ?) OR (c.queue IN (${QUEUE_LEARN}, ${QUEUE_PREVIEW}) AND ((${EFFECTIVE_DUE} - ?) / ${DAY}) ${sqlOp} ?)`;
				this.push(BigInt(property.days + this.ctx.today), BigInt(this.ctx.nextDayAt), BigInt(property.days));
				return;
			case 'pos':
				this.sql += `c.type = ${NEW} AND ${EFFECTIVE_DUE} ${sqlOp} ?`;
				this.push(BigInt(property.value));
				return;
			case 'ivl':
			case 'reps':
			case 'lapses':
				this.sql += `c.${property.prop} ${sqlOp} ?`;
				this.push(BigInt(property.value));
				return;
			case 'ease':
				this.sql += `c.factor ${sqlOp} ?`;
				this.push(BigInt(asU32(Math.fround(property.value * 1000))));
				return;
			case 'rated':
				return this.rated(op, property.days, property.rating);
			case 'cdn':
				this.sql += `cast(extract_custom_data(c.data, ?) AS float) ${sqlOp} ?`;
				this.push(property.key, f32Decimal(property.value));
				return;
			case 'cds':
				this.sql += `extract_custom_data(c.data, ?) ${sqlOp} ?`;
				this.push(property.key, property.value);
				return;
			case 's':
				this.sql += `extract_fsrs_variable(c.data, 's') ${sqlOp} ?`;
				this.push(f32Decimal(property.value));
				return;
			case 'd':
				// The user types 0-1; FSRS stores difficulty as 1-10.
				this.sql += `extract_fsrs_variable(c.data, 'd') ${sqlOp} ?`;
				this.push(f32Decimal(Math.fround(Math.fround(property.value * 9) + 1)));
				return;
			case 'r':
				this.sql += `CASE WHEN c.type = ${NEW} THEN false ELSE (extract_fsrs_retrievability(c.data, ${EFFECTIVE_DUE}, c.ivl, ?, ?, ?) ${sqlOp} ?) END`;
				this.push(BigInt(this.ctx.today), BigInt(this.ctx.nextDayAt), BigInt(this.ctx.now), f32Decimal(property.value));
				return;
		}
	}
}

export function excludedFromSearch(field: {extra?: Record<string, unknown>}): boolean {
	return field.extra?.['excludeFromSearch'] === true;
}

/** Sorted numbers as half-open ranges; with `join`, consecutive numbers share a range. */
function ranges(numbers: readonly number[], join: boolean): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (const n of numbers) {
		const last = out.at(-1);
		if (join && last && last[1] === n) last[1] = n + 1;
		else out.push([n, n + 1]);
	}
	return out;
}

/** A LIKE pattern for a note of `total` fields: `slot` in the range's first field, `%` in the others outside it. */
function slotPattern(total: number, [start, end]: [number, number], slot: string): string {
	const parts: string[] = [];
	for (let i = 0; i < total; i++) {
		if (i === start) parts.push(slot);
		else if (i > start && i < end) continue;
		else parts.push('%');
	}
	return parts.join('\u001f');
}
