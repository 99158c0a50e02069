// One-line, user-facing messages for everything that can be wrong with a package file.
import path from 'node:path';
import {AnkiFileError, NewerSchemaError} from '../errors.js';

const shown = (file: string) => `"${path.basename(file)}"`;

export const packageErrors = {
	missing: (file: string) => new AnkiFileError(`Cannot open ${shown(file)}: no such file. Check the path (${file}).`),
	unreadable: (file: string, reason: string) =>
		new AnkiFileError(`Cannot read ${shown(file)}: ${reason}. Check the file's permissions.`),
	notPackage: (file: string) =>
		new AnkiFileError(`${shown(file)} is neither an Anki package (.apkg/.colpkg zip) nor an Anki collection. Export it again from Anki.`),
	isCollection: (file: string) =>
		new AnkiFileError(`${shown(file)} is an SQLite collection, not a package; open it as a collection instead.`),
	damaged: (file: string, detail: string) =>
		new AnkiFileError(`${shown(file)} is damaged (${detail}). Download or export it again.`),
	noCollection: (file: string) =>
		new AnkiFileError(`${shown(file)} holds no Anki collection (no collection.anki2/anki21/anki21b). Is it really an Anki package?`),
	unsafe: (file: string, detail: string) =>
		new AnkiFileError(`${shown(file)} was not opened: ${detail} (possible zip bomb). Re-export it from Anki if you trust it.`),
	tooNew: (file: string) =>
		new NewerSchemaError(
			`${shown(file)} was made by a newer Anki than anki-tui understands. Update anki-tui, or export again with "Support older Anki versions".`,
		),
	encrypted: (file: string) => new AnkiFileError(`${shown(file)} is encrypted; Anki packages never are. Export it again from Anki.`),
	noSpace: (file: string, reason: string) =>
		new AnkiFileError(`Cannot unpack ${shown(file)}: ${reason}. Free some disk space or set TMPDIR to a larger disk.`),
};
