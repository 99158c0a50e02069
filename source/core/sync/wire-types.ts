// JSON shapes of the sync RPCs (the same in the legacy and v11 framings).

export type RevlogRow = [number, number, number, number, number, number, number, number, number];
export type CardRow = [
	number, number, number, number, number, number, number, number, number,
	number, number, number, number, number, number, number, number, string,
];
export type NoteRow = [number, string, number, number, number, string, string, string | number, string | number, number, string];

export interface Graves {
	cards: number[];
	notes: number[];
	decks: number[];
}

/** Schema-11 JSON objects as Anki stores them in `col.models/decks/dconf`, passed through untouched. */
export type LegacyObject = Record<string, unknown> & {id: number | string; mod: number; usn: number};

export interface UnchunkedChanges {
	models: LegacyObject[];
	decks: [LegacyObject[], LegacyObject[]];
	tags: string[];
	conf?: Record<string, unknown>;
	crt?: number;
}

export interface Chunk {
	done: boolean;
	revlog?: RevlogRow[];
	cards?: CardRow[];
	notes?: NoteRow[];
}

export type SanityCounts = [[number, number, number], number, number, number, number, number, number, number];

export interface SanityResult {
	status: 'ok' | 'bad';
	c?: unknown;
	s?: unknown;
}

export interface ServerMeta {
	/** Server collection mod, ms. */
	mod: number;
	/** Server schema mod, ms. */
	scm: number;
	/** The usn the server will stamp next. */
	usn: number;
	/** Server clock, seconds. */
	ts: number;
	mediaUsn: number;
	msg: string;
	cont: boolean;
	/** Only modern servers say; undefined for ankisyncd. */
	empty?: boolean;
}

/** A `mediaChanges` entry: name, usn, sha1 ("" = deleted). */
export type MediaChange = [string, number, string];
