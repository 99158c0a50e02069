// The [new, learn, review] due counts Anki's client puts first in sanityCheck2, computed the way
// Anki 2.1's scheduler does for the selected deck tree (ankisyncd compares them; the official
// server ignores them).
import type Database from 'better-sqlite3';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CountInputs {
	conf: Json;
	decks: Record<string, Json>;
	dconf: Record<string, Json>;
	crt: number;
}

/** Anki 2.1's report limits for filtered decks and the learning count. */
const DYN_REPORT_LIMIT = 99_999;
const REPORT_LIMIT = 1000;

export function schedulerToday(nowMs: number, crt: number, conf: Json): number {
	const nowSecs = Math.floor(nowMs / 1000);
	const schedVer = Number(conf.schedVer ?? 1);
	if (schedVer < 2) return Math.floor((nowSecs - crt) / 86_400);
	const rollover = Number(conf.rollover ?? 4);
	// v2: the local day that starts at the rollover hour, counted from the creation day.
	const start = new Date(crt * 1000);
	start.setHours(rollover, 0, 0, 0);
	if (conf.creationOffset !== undefined) {
		const now = new Date(nowMs);
		const shift = (d: Date) => {
			const shifted = new Date(d.getTime() - rollover * 3_600_000);
			return Date.UTC(shifted.getFullYear(), shifted.getMonth(), shifted.getDate());
		};
		return Math.round((shift(now) - shift(new Date(crt * 1000))) / 86_400_000);
	}
	return Math.floor((nowSecs - start.getTime() / 1000) / 86_400);
}

export function dueCounts(db: Database.Database, nowMs: number, input: CountInputs): [number, number, number] {
	const {conf, decks, dconf} = input;
	const schedVer = Number(conf.schedVer ?? 1);
	const today = schedulerToday(nowMs, input.crt, conf);
	const lrnCutoff = Math.floor(nowMs / 1000) + Number(conf.collapseTime ?? 1200);
	const active: number[] = (Array.isArray(conf.activeDecks) ? conf.activeDecks : [1]).map(Number);
	const inActive = active.length ? active.join(',') : '0';
	const byName = new Map<string, Json>();
	for (const deck of Object.values(decks)) byName.set(String(deck.name), deck);

	const studiedToday = (deck: Json, key: string): number => {
		const counter = deck[key];
		return Array.isArray(counter) && counter[0] === today ? Number(counter[1]) : 0;
	};
	const configOf = (deck: Json): Json => dconf[String(deck.conf)] ?? dconf['1'] ?? {};
	const newLimit = (deck: Json): number =>
		deck.dyn ? DYN_REPORT_LIMIT : Math.max(0, Number(configOf(deck).new?.perDay ?? 20) - studiedToday(deck, 'newToday'));
	const revLimitSingle = (deck: Json): number =>
		deck.dyn ? DYN_REPORT_LIMIT : Math.max(0, Number(configOf(deck).rev?.perDay ?? 200) - studiedToday(deck, 'revToday'));
	const parents = (deck: Json): Json[] => {
		const parts = String(deck.name).split('::');
		const out: Json[] = [];
		for (let i = 1; i < parts.length; i++) {
			const parent = byName.get(parts.slice(0, i).join('::'));
			if (parent) out.push(parent);
		}
		return out;
	};

	const walkingCount = (limitOf: (deck: Json) => number, countIn: (did: number, limit: number) => number): number => {
		let total = 0;
		const parentLeft = new Map<number, number>();
		for (const did of active) {
			const deck = decks[String(did)];
			if (!deck) continue;
			let limit = limitOf(deck);
			if (!limit) continue;
			const chain = parents(deck);
			for (const parent of chain) {
				const id = Number(parent.id);
				if (!parentLeft.has(id)) parentLeft.set(id, limitOf(parent));
				limit = Math.min(parentLeft.get(id)!, limit);
			}
			const count = countIn(did, limit);
			for (const parent of chain) parentLeft.set(Number(parent.id), parentLeft.get(Number(parent.id))! - count);
			parentLeft.set(did, limit - count);
			total += count;
		}
		return total;
	};

	const scalar = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).pluck().get(...args) ?? 0);

	const newCount = walkingCount(newLimit, (did, limit) =>
		scalar('select count() from (select 1 from cards where did = ? and queue = 0 limit ?)', did, limit),
	);

	let learnCount: number;
	let reviewCount: number;
	if (schedVer >= 2) {
		learnCount =
			scalar(`select count() from cards where did in (${inActive}) and queue = 1 and due < ?`, lrnCutoff) +
			scalar(`select count() from cards where did in (${inActive}) and queue = 3 and due <= ?`, today) +
			scalar(`select count() from cards where did in (${inActive}) and queue = 4`);
		const selected = decks[String(conf.curDeck ?? 1)];
		let limit = selected ? revLimitSingle(selected) : 0;
		if (selected) for (const parent of parents(selected)) limit = Math.min(limit, revLimitSingle(parent));
		reviewCount = scalar(
			`select count() from (select id from cards where did in (${inActive}) and queue = 2 and due <= ? limit ?)`,
			today,
			limit,
		);
	} else {
		learnCount =
			scalar(
				`select sum(left / 1000) from (select left from cards where did in (${inActive}) and queue = 1 and due < ? limit ${REPORT_LIMIT})`,
				lrnCutoff,
			) +
			scalar(
				`select count() from (select 1 from cards where did in (${inActive}) and queue = 3 and due <= ? limit ${REPORT_LIMIT})`,
				today,
			);
		reviewCount = walkingCount(revLimitSingle, (did, limit) =>
			scalar('select count() from (select id from cards where did = ? and queue = 2 and due <= ? limit ?)', did, today, limit),
		);
	}
	return [newCount, learnCount, reviewCount];
}
