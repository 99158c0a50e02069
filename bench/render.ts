// Rendering speed: cards per second (question and answer, template to styled terminal text) over
// every card of schema14-japanese-furigana.anki2 (4,110 cards). Run: node --import tsx bench/render.ts
import {loadavg} from 'node:os';
import {renderCard} from '../source/core/render/index.js';
import {hasShared, sharedFile} from '../test/helpers/shared.js';
import {loadFixture} from '../test/render/load-fixture.js';

if (!hasShared) {
	console.log('bench/render: ../shared/fixtures is absent; nothing to measure.');
	process.exit(0);
}

const collection = await loadFixture(sharedFile('schema14-japanese-furigana.anki2'));
const inputs = collection.cards
	.filter((card) => collection.notes.has(card.nid))
	.map((card) => {
		const note = collection.notes.get(card.nid)!;
		return {note, notetype: collection.notetypes.get(note.mid)!, card, deckName: collection.deckNameFor(card)};
	});
collection.cleanup();

// Wall-clock rates suffer when other processes share the CPU; CPU-time rates (process.cpuUsage)
// show what the code itself costs. Both are reported.
let lines = 0;
const rounds: number[] = [];
const cpuRounds: number[] = [];
for (let round = 0; round < 7; round++) {
	const start = performance.now();
	const cpuStart = process.cpuUsage();
	for (const input of inputs) {
		const result = renderCard(input);
		lines += result.question.length + result.answer.length;
	}
	const cpu = process.cpuUsage(cpuStart);
	rounds.push(inputs.length / ((performance.now() - start) / 1000));
	cpuRounds.push(inputs.length / ((cpu.user + cpu.system) / 1e6));
}
const medianOf = (values: number[]) => {
	const warm = values.slice(2).sort((a, b) => a - b);
	return warm[Math.floor(warm.length / 2)];
};
const median = medianOf(rounds);
const warm = rounds.slice(2).sort((a, b) => a - b);
console.log(
	JSON.stringify({
		bench: 'render',
		cards: inputs.length,
		firstRoundCardsPerSec: Math.round(rounds[0]),
		medianCardsPerSec: Math.round(median),
		medianCardsPerCpuSec: Math.round(medianOf(cpuRounds)),
		bestCardsPerSec: Math.round(warm.at(-1)!),
		loadAverage1m: Number(loadavg()[0].toFixed(2)),
		linesRendered: lines,
	}),
);
