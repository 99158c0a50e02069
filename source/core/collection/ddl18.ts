// Schema 18 DDL: schema 11 plus what Anki's upgrades 14, 15, 17 and 18 add (rslib/src/storage/upgrades/).
// The statement texts are the ones real schema-18 files hold in sqlite_master.
import {createCards, createCol11, createNotes, createRevlog, indexes11} from './ddl11.js';

const createDeckConfig = `CREATE TABLE deck_config (
  id integer PRIMARY KEY NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL
)`;

const createConfig = `CREATE TABLE config (
  KEY text NOT NULL PRIMARY KEY,
  usn integer NOT NULL,
  mtime_secs integer NOT NULL,
  val blob NOT NULL
) without rowid`;

const createFields = `CREATE TABLE fields (
  ntid integer NOT NULL,
  ord integer NOT NULL,
  name text NOT NULL COLLATE unicase,
  config blob NOT NULL,
  PRIMARY KEY (ntid, ord)
) without rowid`;

const createTemplates = `CREATE TABLE templates (
  ntid integer NOT NULL,
  ord integer NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL,
  PRIMARY KEY (ntid, ord)
) without rowid`;

const createNotetypes = `CREATE TABLE notetypes (
  id integer NOT NULL PRIMARY KEY,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  config blob NOT NULL
)`;

const createDecks = `CREATE TABLE decks (
  id integer PRIMARY KEY NOT NULL,
  name text NOT NULL COLLATE unicase,
  mtime_secs integer NOT NULL,
  usn integer NOT NULL,
  common blob NOT NULL,
  kind blob NOT NULL
)`;

const createTags = `CREATE TABLE tags (
  tag text NOT NULL PRIMARY KEY COLLATE unicase,
  usn integer NOT NULL,
  collapsed boolean NOT NULL,
  config blob NULL
) without rowid`;

const createGraves18 = `CREATE TABLE graves (
  oid integer NOT NULL,
  type integer NOT NULL,
  usn integer NOT NULL,
  PRIMARY KEY (oid, type)
) WITHOUT ROWID`;

const indexes18 = [
	'CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid)',
	'CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid)',
	'CREATE INDEX idx_templates_usn ON templates (usn)',
	'CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name)',
	'CREATE INDEX idx_notetypes_usn ON notetypes (usn)',
	'CREATE UNIQUE INDEX idx_decks_name ON decks (name)',
	'CREATE INDEX idx_notes_mid ON notes (mid)',
	'CREATE INDEX idx_cards_odid ON cards (odid)\nWHERE odid != 0',
	'CREATE INDEX idx_graves_pending ON graves (usn)',
];

/**
 * Every statement of a schema-18 file in the order a real (vacuumed) Anki file lists them.
 * Needs the `unicase` collation registered on the connection.
 */
export const ddl18: readonly string[] = [
	createCol11,
	createNotes,
	createCards,
	createRevlog,
	createDeckConfig,
	createConfig,
	createFields,
	createTemplates,
	createNotetypes,
	createDecks,
	createTags,
	createGraves18,
	...indexes11,
	...indexes18,
];
