// Mapping SQLite failures a user can cause to one-line errors.
import {AnkiFileError, CollectionLockedError} from '../errors.js';

export function isBusyError(error: unknown): boolean {
	const code = (error as {code?: unknown})?.code;
	return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function lockedError(file: string): CollectionLockedError {
	return new CollectionLockedError(`${file} is open in another program (Anki?). Close Anki, or sync instead, then try again.`);
}

/** Rethrows busy/corrupt errors as user errors; anything else unchanged. */
export function userErrorFor(file: string, error: unknown): unknown {
	if (isBusyError(error)) return lockedError(file);
	const code = (error as {code?: unknown})?.code;
	if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
		return new AnkiFileError(`${file} is damaged or not an Anki collection (${String(code)}); open it in Anki and use Check Database.`);
	}
	if (typeof code === 'string' && code.startsWith('SQLITE_CANTOPEN')) {
		return new AnkiFileError(`${file} cannot be opened (${code}); check the file and folder permissions.`);
	}
	return error;
}
