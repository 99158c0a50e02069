// Turning `--field NAME=VALUE` and `--tags "a b"` into note content, shared by edit and add. Values
// are stored as given: field HTML, as Anki stores it.
import {UsageError} from '../core/errors.js';
import type {Notetype} from '../core/model.js';
import {fieldIndex} from '../core/notes/adding.js';
import {splitTags} from '../core/notes/tags.js';
import type {Flags} from './flags.js';

/** Field values by index from --field flags (undefined where not given); every name checked first. */
export function fieldsFromFlags(notetype: Notetype, flags: Flags): Array<string | undefined> {
	const values: Array<string | undefined> = notetype.fields.map(() => undefined);
	for (const assignment of flags.field ?? []) {
		const equals = assignment.indexOf('=');
		if (equals <= 0) throw new UsageError(`--field needs NAME=VALUE (for example --field "Front=<b>bonjour</b>"), not "${assignment}".`);
		const index = fieldIndex(notetype, assignment.slice(0, equals));
		if (values[index] !== undefined) throw new UsageError(`--field ${notetype.fields[index]!.name} is given twice.`);
		values[index] = assignment.slice(equals + 1);
	}
	return values;
}

export function tagsFromFlags(flags: Flags): string[] | undefined {
	return flags.tags === undefined ? undefined : splitTags(flags.tags);
}

export function parseId(text: string | undefined, what: string, usage: string): number {
	const id = text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isSafeInteger(id)) throw new UsageError(text === undefined ? `${usage}: a ${what} id is needed.` : `${usage}: "${text}" is not a ${what} id (a number).`);
	return id;
}
