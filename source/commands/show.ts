// `anki-tui show FILE [--deck NAME] [--card ID] [--json]`: rendered cards for scripting and checking decks.
import {UsageError} from '../core/errors.js';
import {cardsWithNotes} from '../core/collection/listing.js';
import {openInput} from './open-input.js';
import {deckIdsForName} from '../core/overview/deck-names.js';
import {renderCard, toAnsi, toPlainText, type SoundRef} from '../core/render/index.js';
import type {CommandContext} from './flags.js';
import {makeChalk} from './output.js';
import {jsonArrayWriter} from './json-output.js';
import {printErr, printOut, safeLine} from './terminal-output.js';

function soundName(sound: SoundRef): string {
	return sound.kind === 'sound' ? sound.file : `tts:${sound.lang}:${sound.text}`;
}

export async function runShow({file, flags, color}: CommandContext): Promise<number> {
	let cardId: number | undefined;
	if (flags.card !== undefined) {
		cardId = Number(flags.card);
		if (!Number.isSafeInteger(cardId)) throw new UsageError(`--card needs a card id (a number), not "${flags.card}".`);
	}
	const input = await openInput(file, {collection: flags.collection, readOnly: true, onePass: true});
	try {
		const {collection} = input;
		const decks = collection.adapter.decks();
		const deckNames = new Map(decks.map((deck) => [deck.id, deck.name]));
		const notetypes = new Map(collection.adapter.notetypes().map((nt) => [nt.id, nt]));
		const deckIds = flags.deck === undefined ? undefined : deckIdsForName(decks, flags.deck);
		const mediaExists = input.pkg ? (name: string) => input.pkg!.media.has(name) : undefined;
		const chalk = makeChalk(color);
		// JSON is written card by card (same layout as JSON.stringify(..., 2)), so 100k cards never sit in memory at once.
		const json = flags.json ? jsonArrayWriter('cards') : undefined;
		let count = 0;
		for (const {card, note} of cardsWithNotes(collection, {deckIds, cardId})) {
			const notetype = notetypes.get(note.mid);
			if (!notetype) continue; // A note whose notetype is gone cannot render; Anki's Check Database removes it.
			const deckName = deckNames.get(card.odid || card.did) ?? '';
			const rendered = renderCard({note, notetype, card, deckName, mediaExists});
			count++;
			if (json) {
				json.add({
					id: card.id,
					noteId: note.id,
					deck: deckName,
					ord: card.ord,
					notetype: notetype.name,
					question: toPlainText(rendered.question),
					answer: toPlainText(rendered.answer),
					images: rendered.images,
					sounds: [...rendered.sounds.question, ...rendered.sounds.answer].map(soundName).filter((s, i, all) => all.indexOf(s) === i),
				});
			} else {
				const header = chalk.bold(`Card ${card.id}`) + chalk.dim(` · ${safeLine(deckName)} · ${safeLine(notetype.name)} · card ${card.ord + 1}`);
				printOut(
					`${header}\n${toAnsi(rendered.question, {color})}\n${chalk.dim('─'.repeat(40))}\n${toAnsi(rendered.answer, {color})}\n\n`,
					{color},
				);
			}
		}
		if (cardId !== undefined && count === 0) throw new UsageError(`No card with id ${cardId} in ${file ?? 'the collection'}.`);
		if (json) json.end();
		else if (count === 0) printErr('No cards matched.\n');
		return 0;
	} finally {
		input.close();
	}
}
