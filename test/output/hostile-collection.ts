// A private copy of the demo collection in which everything a stranger's deck controls is hostile:
// deck, notetype, template, preset and tag names, every note's fields (raw sequences, C1 controls
// and HTML-entity-written ESC), image and sound file names.
import path from 'node:path';
import Database from 'better-sqlite3';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {HOSTILE, OSC_CLIPBOARD, OSC_TITLE} from './hostile.js';

/** Appended to every name: no space and no `::`, so tag and deck structure stay as they are. */
export const NAME_ATTACK = `${OSC_TITLE}${OSC_CLIPBOARD}\u001b[2J\u009d0;C1-TITLE\u009c\u0007\r`;
/** In card content: every attack, and ESC written as HTML entities. */
export const CONTENT_ATTACK = `${Object.values(HOSTILE).filter((h) => !h.includes('dW5lbmRlZA')).join('')}&#27;]0;ENTITY-TITLE&#7;&#x1b;]52;c;RU5USVRZ&#x07;&#155;2J`;
/** The Basics deck of the demo collection. */
export const BASICS_DECK_ID = 1767603600101;
/** Text each payload carries that must never be written: the sequences go whole. */
export const PAYLOAD_WORDS = ['PWNED-TITLE', 'cm0gLXJmIH4', 'C1-TITLE', 'c1title', 'evil.example', 'ENTITY-TITLE', 'RU5USVRZ'];

/** `empty`: no cards and only the Default deck (what the first-run screen needs). */
export function hostileCollection(options: {empty?: boolean} = {}): {file: string; dir: string; cleanup: () => void} {
	const copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
	const db = new Database(copy.file);
	const row = db.prepare('SELECT decks, models, dconf FROM col').get() as {decks: string; models: string; dconf: string};
	const decks = JSON.parse(row.decks) as Record<string, {name: string}>;
	for (const deck of Object.values(decks)) deck.name = deck.name.split('::').map((part) => part + NAME_ATTACK).join('::');
	const models = JSON.parse(row.models) as Record<string, {name: string; tmpls: Array<{name: string}>}>;
	for (const model of Object.values(models)) {
		model.name += NAME_ATTACK;
		for (const template of model.tmpls) template.name += NAME_ATTACK;
	}
	const dconf = JSON.parse(row.dconf) as Record<string, {name: string}>;
	for (const preset of Object.values(dconf)) preset.name += NAME_ATTACK;
	db.prepare('UPDATE col SET decks = ?, models = ?, dconf = ?').run(JSON.stringify(decks), JSON.stringify(models), JSON.stringify(dconf));
	const notes = db.prepare('SELECT id, flds FROM notes').all() as Array<{id: number; flds: string}>;
	const update = db.prepare('UPDATE notes SET flds = ?, sfld = ?, tags = ? WHERE id = ?');
	for (const note of notes) {
		const fields = note.flds.split('\u001f');
		fields[0] = `${fields[0]} <b>${CONTENT_ATTACK}</b> <img src="pic${NAME_ATTACK}.png"> [sound:snd${NAME_ATTACK}.mp3]`;
		if (fields.length > 1) fields[1] = `${fields[1]} ${CONTENT_ATTACK}`;
		update.run(fields.join('\u001f'), fields[0], ` hostile${NAME_ATTACK} `, note.id);
	}
	if (options.empty) {
		db.prepare('DELETE FROM cards').run();
		db.prepare('DELETE FROM notes').run();
		db.prepare('UPDATE col SET decks = ?').run(JSON.stringify({1: decks['1']}));
	}
	db.close();
	return copy;
}
