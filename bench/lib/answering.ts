// Answers cards on a generated collection as a user would (sessions on the top decks in turn,
// mixed ratings, a few seconds per card) and times each answer: from answer() to the next card
// ready with its buttons and counts, the SQLite write included.
import type {Collection} from '../../source/core/collection/types.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import type {Rating} from '../../source/core/scheduler/types.js';

const ratings: Rating[] = [3, 3, 1, 3, 4, 2, 3, 3];

export interface AnswerRun {
	latenciesMs: number[];
	/** The same spans in CPU time of this process (less sensitive to a busy machine's scheduling). */
	cpuMs: number[];
	/** Time to open each session (queue building), ms. */
	sessionOpenMs: number[];
	/** The clock after the last answer (ms), for callers that go on. */
	clock: number;
}

export function answerCards(col: Collection, answers: number, startClock: number): AnswerRun {
	const roots = col.adapter.decks().filter((d) => d.name.startsWith('Bench ') && !d.name.includes('::'));
	if (roots.length === 0) throw new Error('not a generated bench collection: no "Bench N" decks');
	const latenciesMs: number[] = [];
	const cpuMs: number[] = [];
	const sessionOpenMs: number[] = [];
	let clock = startClock;
	const perSession = Math.ceil(answers / roots.length);
	for (let round = 0; latenciesMs.length < answers && round < 50; round++) {
		for (const root of roots) {
			if (latenciesMs.length >= answers) break;
			let t = performance.now();
			const session = openReviewSession(col, root.id, {now: () => clock});
			session.current();
			sessionOpenMs.push(performance.now() - t);
			for (let i = 0; i < perSession && latenciesMs.length < answers; i++) {
				if (!session.current()) break;
				session.buttons();
				const cpu = process.cpuUsage();
				t = performance.now();
				session.answer(ratings[latenciesMs.length % ratings.length]!, 5000);
				if (session.current()) session.buttons();
				session.counts();
				latenciesMs.push(performance.now() - t);
				const used = process.cpuUsage(cpu);
				cpuMs.push((used.user + used.system) / 1000);
				clock += 3000;
			}
		}
	}
	return {latenciesMs, cpuMs, sessionOpenMs, clock};
}
