// Deterministic generator of big collections for benchmarks: 50k notes / 100k cards in nested decks,
// with a realistic mix of new, learning, review and suspended cards and about 180k reviews over the last year.
// Usage: node --import tsx bench/generate.ts OUT.anki2 [--schema 11|18] [--notes 50000]
import {createHash} from 'node:crypto';
import {existsSync, rmSync} from 'node:fs';
import {createCollection} from '../source/core/collection/create.js';
import {openCollection} from '../source/core/collection/open.js';
import type {Deck} from '../source/core/model.js';
import {prng} from '../scripts/lib/prng.js';

function csum(text: string): number {
	return createHash('sha1').update(text).digest().readUInt32BE(0);
}

export interface GenerateOptions {
	schema: 11 | 18;
	notes: number;
	/** Generation time (ms); cards are due relative to it. */
	now?: number;
}

export function generateCollection(file: string, options: GenerateOptions): {cards: number; notes: number; revlog: number} {
	if (existsSync(file)) rmSync(file);
	const now = options.now ?? Date.now();
	const created = createCollection(file, {schema: options.schema, now: now - 400 * 86_400_000, idSeed: 42});
	const col = openCollection(file);
	const random = prng(1234);
	// The review log has its own stream, so the cards do not depend on how many answers each gets.
	const history = prng(5678);
	const nowSecs = Math.floor(now / 1000);
	const today = Math.floor((nowSecs - created.crt) / 86_400);
	let revlogCount = 0;
	col.transaction(() => {
		const template = col.adapter.decks()[0]!;
		const deckIds: number[] = [];
		for (let i = 1; i <= 4; i++) {
			for (const name of [`Bench ${i}`, ...[1, 2, 3, 4].map((j) => `Bench ${i}::Topic ${j}`), `Bench ${i}::Topic 1::Part A`]) {
				const deck: Deck = {...template, id: 0, name, collapsed: false};
				deckIds.push(col.adapter.addDeck(deck, nowSecs));
			}
		}
		const notetype = col.adapter.notetypes().find((nt) => nt.name === 'Basic (and reversed card)') ?? col.adapter.notetypes()[0]!;
		const addNote = col.db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,0,\'\')');
		const addCard = col.db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,-1,?,?,?,?,?,?,?,?,0,0,0,?)');
		const addRevlog = col.db.prepare('INSERT INTO revlog VALUES (?,?,-1,?,?,?,?,?,?)');
		let position = 1;
		const baseId = now - 300 * 86_400_000;
		for (let n = 0; n < options.notes; n++) {
			const nid = baseId + n * 1000;
			const front = `Question ${n}: what is ${n} × 7?`;
			const back = `<b>${n * 7}</b><br>Worked: ${n} × 7 = ${n * 7}`;
			const tags = n % 10 === 0 ? ' bench tenth ' : ' bench ';
			addNote.run(nid, `g${n.toString(36)}`, notetype.id, nowSecs, -1, tags, `${front}\x1f${back}`, front, csum(front));
			const did = deckIds[n % deckIds.length]!;
			for (let ord = 0; ord < 2; ord++) {
				const cid = nid + ord;
				const roll = random();
				let type = 0, queue = 0, due = position, ivl = 0, factor = 0, reps = 0, lapses = 0, left = 0;
				if (roll < 0.45) {
					due = position++;
				} else if (roll < 0.48) {
					type = 1; queue = 1; due = nowSecs - 600 + Math.floor(random() * 3600); left = 1; reps = 1;
				} else if (roll < 0.5) {
					type = 3; queue = 3; due = today - Math.floor(random() * 2); ivl = 1; factor = 2300; reps = 6; lapses = 1; left = 1;
				} else if (roll < 0.97) {
					type = 2; queue = 2; ivl = 1 + Math.floor(random() * 200); due = today + Math.floor(random() * 120) - 20;
					factor = 1300 + Math.floor(random() * 1800); reps = 3 + Math.floor(random() * 12); lapses = Math.floor(random() * 3);
				} else {
					type = 2; queue = -1; ivl = 30; due = today + 10; factor = 2500; reps = 5;
				}
				addCard.run(cid, nid, did, ord, nowSecs, type, queue, due, ivl, factor, reps, lapses, left, '');
				// History spread evenly over the last year (about 500 answers a day, today included), about
				// 1.8 answers per card (180k for 100k cards): up to 3 entries for a card 1, up to 4 for a card 2.
				for (let r = 0; r < Math.min(reps, 3 + ord); r++) {
					const daysAgo = Math.floor(history() * 365);
					// Unique by construction: under 80,000 s of offsets within a day, whole days apart.
					const id = now - daysAgo * 86_400_000 - (revlogCount % 80_000) * 1000 - Math.floor(revlogCount / 80_000);
					const ease = history() < 0.12 ? 1 : history() < 0.1 ? 2 : history() < 0.9 ? 3 : 4;
					const kind = r === 0 ? 0 : ease === 1 && history() < 0.5 ? 2 : 1;
					addRevlog.run(id, cid, ease, ivl || -600, r === 0 ? -60 : Math.max(1, Math.round(ivl / 2)), factor, 3000 + Math.floor(history() * 12_000), kind);
					revlogCount++;
				}
			}
		}
		col.adapter.setConfig('nextPos', position, nowSecs);
		col.touch(now);
	});
	col.close();
	return {cards: options.notes * 2, notes: options.notes, revlog: revlogCount};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = process.argv[2];
	if (!out) {
		console.error('usage: bench/generate.ts OUT.anki2 [--schema 11|18] [--notes N]');
		process.exit(64);
	}
	const arg = (name: string, fallback: number) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? Number(process.argv[i + 1]) : fallback;
	};
	const started = performance.now();
	const result = generateCollection(out, {schema: arg('--schema', 11) as 11 | 18, notes: arg('--notes', 50_000)});
	console.log(`${out}: ${result.notes} notes, ${result.cards} cards, ${result.revlog} revlog rows in ${Math.round(performance.now() - started)} ms`);
}
