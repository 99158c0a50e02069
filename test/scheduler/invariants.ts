// What Anki's Check Database and the scheduler's own rules require of a card row and its revlog
// row after an answer. Returns a list of problems (empty = fine).
import type {Card, RevlogEntry} from '../../source/core/model.js';

const DATA_KEYS = new Set(['pos', 's', 'd', 'dr', 'decay', 'lrt', 'cd']);

/** `fsrs`: FSRS short-term learning without steps legitimately writes left 0, as Anki does. */
export function cardProblems(card: Card, today: number, nowSecs: number, fsrs = false): string[] {
	const p: string[] = [];
	const validQueues: Record<number, number[]> = {0: [0, -1, -2, -3], 1: [1, 3, -1, -2, -3], 2: [2, -1, -2, -3], 3: [1, 3, -1, -2, -3]};
	if (!validQueues[card.type]?.includes(card.queue)) p.push(`type ${card.type} with queue ${card.queue}`);
	if (card.ivl < 0) p.push(`negative ivl ${card.ivl}`);
	if (card.odid === 0 && card.odue !== 0) p.push('odue without odid');
	if (card.queue === 1 && card.due < 1_000_000_000) p.push(`learning due ${card.due} is not a timestamp`);
	if ((card.queue === 2 || card.queue === 3) && card.due > 1_000_000) p.push(`day due ${card.due} looks like a timestamp`);
	if (card.queue === 0 && card.due > 1_000_000) p.push(`new position ${card.due} too large`);
	if (card.type === 2 && card.queue === 2 && card.due !== today + card.ivl) p.push(`due ${card.due} != today ${today} + ivl ${card.ivl}`);
	if (card.queue === 3 && card.due <= today) p.push(`day-learn due ${card.due} not after today ${today}`);
	if (card.queue === 1 && card.due <= nowSecs) p.push('learning due not in the future');
	if (!fsrs && (card.type === 1 || card.type === 3) && card.left % 1000 < 1) p.push(`learning with left ${card.left}`);
	if (card.type === 2 && card.left !== 0) p.push(`review with left ${card.left}`);
	if ((card.type === 2 || card.type === 3) && card.factor < 1300) p.push(`ease ${card.factor} below 130%`);
	if ((card.type === 2 || card.type === 3) && card.ivl < 1) p.push(`review ivl ${card.ivl}`);
	if (card.usn !== -1) p.push('usn not -1');
	if (card.data !== '') {
		try {
			const data = JSON.parse(card.data) as Record<string, unknown>;
			for (const key of Object.keys(data)) if (!DATA_KEYS.has(key)) p.push(`unknown data key ${key}`);
		} catch {
			p.push('data is not JSON');
		}
	}
	return p;
}

export function revlogProblems(entry: RevlogEntry, capMs: number): string[] {
	const p: string[] = [];
	if (entry.ease < 1 || entry.ease > 4) p.push(`ease ${entry.ease}`);
	if (entry.type < 0 || entry.type > 3) p.push(`type ${entry.type}`);
	if (entry.time < 0 || entry.time > capMs) p.push(`time ${entry.time}`);
	if (entry.factor < 0) p.push(`factor ${entry.factor}`);
	if (entry.ivl === 0) p.push('ivl 0');
	if (entry.usn !== -1) p.push('usn not -1');
	return p;
}
