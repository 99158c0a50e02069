// Errors a user can cause: a message meant for them and an exit code. cli.tsx prints the message
// as one line (stack only with --debug); anything else is a bug and is reported as such.

export class AnkiTuiError extends Error {
	readonly exitCode: number;
	constructor(message: string, exitCode = 1) {
		super(message);
		this.name = new.target.name;
		this.exitCode = exitCode;
	}
}

/** The file is missing, unreadable, or not what we expected (zip, SQLite, Anki collection). */
export class AnkiFileError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 2);
	}
}

/** The collection was made by a newer Anki than we understand. */
export class NewerSchemaError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 2);
	}
}

/** Another program (usually Anki desktop) holds the collection. */
export class CollectionLockedError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 3);
	}
}

/** Wrong flags or arguments. */
export class UsageError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 64);
	}
}

/** Sync failed: server unreachable, auth, protocol. */
export class SyncError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 4);
	}
}

/**
 * A search Anki would reject: `message` is Anki's own "Invalid search: …" text (rslib
 * error/search.rs + ftl/core/search.ftl), `kind` its SearchErrorKind. A usage error (exit 64).
 */
export class SearchError extends UsageError {
	constructor(
		readonly kind: string,
		message: string,
	) {
		super(message);
	}
}

/**
 * Anki refused a study or deck operation for a reason of the collection's (no card matched a
 * filtered deck's search, a filtered parent, a deck in the way): Anki's own message.
 */
export class StudyError extends AnkiTuiError {
	constructor(message: string) {
		super(message, 1);
	}
}
