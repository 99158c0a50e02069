// Schema 11 DDL, as Anki's rslib/src/storage/schema11.sql creates it today (the texts below are what
// a current Anki leaves in sqlite_master; byte-identical SQL keeps `.schema` diffs against real files empty).

export const createCol11 = `CREATE TABLE col (
  id integer PRIMARY KEY,
  crt integer NOT NULL,
  mod integer NOT NULL,
  scm integer NOT NULL,
  ver integer NOT NULL,
  dty integer NOT NULL,
  usn integer NOT NULL,
  ls integer NOT NULL,
  conf text NOT NULL,
  models text NOT NULL,
  decks text NOT NULL,
  dconf text NOT NULL,
  tags text NOT NULL
)`;

export const createNotes = `CREATE TABLE notes (
  id integer PRIMARY KEY,
  guid text NOT NULL,
  mid integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  tags text NOT NULL,
  flds text NOT NULL,
  -- The use of type integer for sfld is deliberate, because it means that integer values in this
  -- field will sort numerically.
  sfld integer NOT NULL,
  csum integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
)`;

export const createCards = `CREATE TABLE cards (
  id integer PRIMARY KEY,
  nid integer NOT NULL,
  did integer NOT NULL,
  ord integer NOT NULL,
  mod integer NOT NULL,
  usn integer NOT NULL,
  type integer NOT NULL,
  queue integer NOT NULL,
  due integer NOT NULL,
  ivl integer NOT NULL,
  factor integer NOT NULL,
  reps integer NOT NULL,
  lapses integer NOT NULL,
  left integer NOT NULL,
  odue integer NOT NULL,
  odid integer NOT NULL,
  flags integer NOT NULL,
  data text NOT NULL
)`;

export const createRevlog = `CREATE TABLE revlog (
  id integer PRIMARY KEY,
  cid integer NOT NULL,
  usn integer NOT NULL,
  ease integer NOT NULL,
  ivl integer NOT NULL,
  lastIvl integer NOT NULL,
  factor integer NOT NULL,
  time integer NOT NULL,
  type integer NOT NULL
)`;

export const createGraves11 = `CREATE TABLE graves (
  usn integer NOT NULL,
  oid integer NOT NULL,
  type integer NOT NULL
)`;

/** Indexes shared by every schema (schema11.sql). */
export const indexes11 = [
	'CREATE INDEX ix_notes_usn ON notes (usn)',
	'CREATE INDEX ix_cards_usn ON cards (usn)',
	'CREATE INDEX ix_revlog_usn ON revlog (usn)',
	'CREATE INDEX ix_cards_nid ON cards (nid)',
	'CREATE INDEX ix_cards_sched ON cards (did, queue, due)',
	'CREATE INDEX ix_revlog_cid ON revlog (cid)',
	'CREATE INDEX ix_notes_csum ON notes (csum)',
];

/** Every statement of a schema-11 file, in Anki's order (tables, then indexes). */
export const ddl11: readonly string[] = [
	createCol11,
	createNotes,
	createCards,
	createRevlog,
	createGraves11,
	...indexes11,
];
