// The peer side of the side-by-side: anki-reader (sql.js) reads a legacy package the way its README
// shows, every deck's cards with their question/answer, and its media written to a folder; the
// result goes to stdout as JSON, as `anki-tui show --json` does. Run by bench/run.ts as a whole process.
// Usage: node bench/peer/read-with-anki-reader.mjs PEER_DIR PACKAGE MEDIA_OUT_DIR
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [peerDir, packageFile, mediaDir] = process.argv.slice(2);
const require = createRequire(path.resolve(peerDir, 'package.json'));
const {readAnkiPackage} = await import(pathToFileURL(require.resolve('anki-reader')).href);

const {collection, media} = await readAnkiPackage(new Blob([readFileSync(packageFile)]));
const cards = [];
for (const deck of Object.values(collection.getDecks())) {
	for (const card of Object.values(deck.getCards())) {
		// One Question per template; the card's own is the one of its ord.
		const ord = card.getRawCard().ord;
		const questions = card.getQuestions();
		const first = questions.find((q) => q.template.ord === ord) ?? questions[0];
		cards.push({
			id: card.getId(),
			noteId: card.getNoteId(),
			deck: deck.getName(),
			question: first?.getQuestion().formattedString ?? '',
			answer: first?.getAnswer().formattedString ?? '',
		});
	}
}
mkdirSync(mediaDir, {recursive: true});
for (const [name, blob] of Object.entries(media)) {
	writeFileSync(path.join(mediaDir, name), Buffer.from(await blob.arrayBuffer()));
}
process.stdout.write(`${JSON.stringify({cards, media: Object.keys(media).length}, null, 2)}\n`);
