// A small in-memory ReviewSession (a fake of the domain interface, not of the database) so screen
// tests can drive the reviewer without a collection.
import type {Card} from '../../source/core/model.js';
import type {AnswerButtons, QueueCounts, QueuedCard, Rating, ReviewSession, SessionSummary} from '../../source/core/scheduler/types.js';
import type {ReviewDeps} from '../../source/ui/controller/review-controller.js';
import type {RenderedCardView, ViewLine} from '../../source/ui/view-types.js';

export interface FakeCard {
	id: number;
	front: string;
	back: string;
	kind: QueuedCard['kind'];
	typeAnswer?: string;
	sounds?: string[];
	images?: string[];
	hint?: string;
}

export function makeCard(id: number, did = 1): Card {
	return {id, nid: id * 10, did, ord: 0, mod: 0, usn: 0, type: 0, queue: 0, due: 0, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, odue: 0, odid: 0, flags: 0, data: ''};
}

export class FakeSession implements ReviewSession {
	readonly answers: Array<{id: number; rating: Rating; ms: number}> = [];
	readonly log: string[] = [];
	private queue: Array<{fake: FakeCard; card: Card}>;
	private history: Array<Array<{fake: FakeCard; card: Card}>> = [];
	nextDue: number | null = null;

	constructor(readonly cards: FakeCard[]) {
		this.queue = cards.map((fake) => ({fake, card: makeCard(fake.id)}));
	}

	fakeOf(id: number): FakeCard {
		return this.cards.find((c) => c.id === id)!;
	}

	counts(): QueueCounts {
		const c = {new: 0, learn: 0, review: 0};
		for (const q of this.queue) c[q.fake.kind]++;
		return c;
	}

	current(): QueuedCard | null {
		const head = this.queue[0];
		return head ? {card: {...head.card}, kind: head.fake.kind} : null;
	}

	buttons(): AnswerButtons {
		return {labels: {1: '1m', 2: '6m', 3: '10m', 4: '4d'}};
	}

	answer(rating: Rating, timeTakenMs: number): void {
		const head = this.take();
		this.answers.push({id: head.fake.id, rating, ms: timeTakenMs});
		this.log.push(`answer ${head.fake.id} ${rating}`);
	}

	canUndo(): boolean {
		return this.history.length > 0;
	}

	undoLabel(): string | null {
		return this.history.length > 0 ? 'Answer Card' : null;
	}

	undo(): string | null {
		const previous = this.history.pop();
		if (!previous) return null;
		this.queue = previous;
		if (this.answers.length > 0 && this.log.at(-1)?.startsWith('answer')) this.answers.pop();
		this.log.push('undo');
		return 'Answer Card';
	}

	refresh(): void {
		this.log.push('refresh');
	}

	buryCard(): void {
		this.log.push(`buryCard ${this.take().fake.id}`);
	}

	buryNote(): void {
		this.log.push(`buryNote ${this.take().fake.id}`);
	}

	suspendCard(): void {
		this.log.push(`suspendCard ${this.take().fake.id}`);
	}

	suspendNote(): void {
		this.log.push(`suspendNote ${this.take().fake.id}`);
	}

	setFlag(flag: number): void {
		const head = this.queue[0]!;
		head.card.flags = head.card.flags === flag ? 0 : flag;
		this.log.push(`flag ${head.fake.id} ${flag}`);
	}

	toggleMark(): void {
		this.log.push(`mark ${this.queue[0]!.fake.id}`);
	}

	nextDueAt(): number | null {
		return this.nextDue;
	}

	summary(): SessionSummary {
		return {studied: this.answers.length, again: this.answers.filter((a) => a.rating === 1).length, millisecondsStudied: this.answers.reduce((s, a) => s + a.ms, 0)};
	}

	private take() {
		this.history.push([...this.queue]);
		return this.queue.shift()!;
	}
}

/** Review deps around a fake session; `played`/`opened` record the media calls. */
export function fakeDeps(session: FakeSession, options: {autoplay?: boolean; player?: boolean} = {}) {
	let clock = 1_700_000_000_000;
	const played: string[][] = [];
	const opened: string[][] = [];
	const deps: ReviewDeps = {
		session,
		render(queued): RenderedCardView {
			const fake = session.fakeOf(queued.card.id);
			const question: ViewLine[] = fake.front.split('\n').map((t) => [{text: t}]);
			const answer: ViewLine[] = [...question, [{text: '', slot: 'rule'}], ...fake.back.split('\n').map((t) => [{text: t}])];
			return {question, answer, images: fake.images ?? [], questionSounds: fake.sounds ?? [], answerSounds: [], ...(fake.typeAnswer ? {typeAnswer: {expected: fake.typeAnswer}} : {}), ...(fake.hint ? {hints: [{field: 'Extra', lines: [[{text: fake.hint}]]}]} : {})};
		},
		deckName: () => 'Spanish::Verbs',
		compareTyped: ({expected}, typed) => [[{text: typed === expected ? `✓ ${typed}` : `✗ ${typed} → ${expected}`, token: typed === expected ? 'typeGood' : 'typeBad'}]],
		autoplay: () => options.autoplay ?? true,
		playAudio: (files) => {
			played.push(files);
			return options.player === false ? 'Audio: no player found; install mpv' : null;
		},
		openMedia: (files) => {
			opened.push(files);
			return `Opened ${files.join(', ')}`;
		},
		cardInfo: (queued) => ({title: `Card ${queued.card.id}`, facts: [['Added', '2026-11-20'], ['Reviews', '0']], history: []}),
		now: () => clock,
	};
	return {deps, played, opened, advance: (ms: number) => (clock += ms)};
}
