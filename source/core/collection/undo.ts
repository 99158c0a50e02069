// Collection-level undo of whole operations, as Anki's single undo queue (rslib undo/mod.rs,
// collection/transact.rs): each operation is one transaction and one step; undoing writes back the
// rows as they were (mod and usn included), deletes rows it added, restores rows it deleted, and
// puts `col.mod` back. At most 30 steps, in memory only.
//
// What a step changed is recorded by SQLite itself: temporary triggers (on this connection only;
// nothing is added to the user's file) log every insert, delete and update of every table while an
// operation runs. Nobody has to remember which rows an operation touches, and values are copied SQL
// to SQL into untyped temp columns, so restored rows are byte for byte what they were.
import type Database from 'better-sqlite3';
import type {Collection, UndoneOperation, UndoQueue, UndoRunOptions} from './types.js';

/** Anki's names for operations ("Undo Update Note", "Update Note undone"; ftl actions-*). */
export const UndoLabel = {
	AddNote: 'Add Note',
	UpdateNote: 'Update Note',
	RemoveNote: 'Delete Note',
	UpdateTag: 'Update Tag',
	RemoveTag: 'Remove Tag',
	AnswerCard: 'Answer Card',
	Bury: 'Bury',
	Suspend: 'Suspend',
	SetFlag: 'Set Flag',
	SetCardDeck: 'Change Deck',
	ScheduleAsNew: 'Reset Card',
	SetDueDate: 'Set Due Date',
	UnburyUnsuspend: 'Unbury/Unsuspend',
} as const;

/** Anki keeps this many steps (UNDO_LIMIT). */
export const UNDO_LIMIT = 30;

const Kind = {Insert: 1, Delete: 2, Update: 3} as const;

interface TableLog {
	table: string;
	log: string;
	columns: string[];
	/** Columns that find a row: `rowid`, or the primary key of a WITHOUT ROWID table. */
	key: string[];
	/** A rowid table whose rowid is not one of its columns (restored rows need it given). */
	hiddenRowid: boolean;
}

interface Step {
	id: number;
	label: string;
	owner?: object;
	data?: unknown;
	/** col.mod right after the operation: undo refuses if something else wrote since. */
	modAfter: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function isWithoutRowid(db: Database.Database, table: string): boolean {
	try {
		db.prepare(`SELECT rowid FROM main.${quote(table)} LIMIT 0`);
		return false;
	} catch {
		return true;
	}
}

function describeTables(db: Database.Database): TableLog[] {
	const names = db
		.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
		.pluck()
		.all() as string[];
	return names.map((table, index) => {
		const info = db.pragma(`main.table_info(${quote(table)})`) as Array<{name: string; type: string; pk: number}>;
		const columns = info.map(c => c.name);
		const pk = info.filter(c => c.pk > 0).sort((a, b) => a.pk - b.pk);
		const withoutRowid = isWithoutRowid(db, table);
		const rowidAlias = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER';
		return {
			table,
			log: `undo_log_${index}`,
			columns,
			key: withoutRowid ? pk.map(c => c.name) : ['rowid'],
			hiddenRowid: !withoutRowid && !rowidAlias,
		};
	});
}

const STEP = '(SELECT step FROM temp.undo_state)';

function installTriggers(db: Database.Database, t: TableLog): void {
	if (t.columns.length > 52) throw new Error(`undo cannot follow ${t.table}: too many columns`);
	const k = t.key.map((_, i) => `k${i}`);
	const c = t.columns.map((_, i) => `c${i}`);
	const target = `main.${quote(t.table)}`;
	const col = (name: string) => (name === 'rowid' ? 'rowid' : quote(name));
	// Untyped columns: values keep their storage class exactly.
	db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${t.log} (step, kind, mask, ${[...k, ...c].join(', ')})`);
	db.exec(`CREATE INDEX IF NOT EXISTS temp.${t.log}_step ON ${t.log} (step)`);
	const when = `WHEN ${STEP} IS NOT NULL`;
	const newKey = t.key.map(name => `NEW.${col(name)}`).join(', ');
	const oldKey = t.key.map(name => `OLD.${col(name)}`).join(', ');
	// Binary and type-aware: a unicase column would call "Foo" and "foo" equal.
	const changed = (name: string) => `(typeof(OLD.${quote(name)}) IS NOT typeof(NEW.${quote(name)}) OR OLD.${quote(name)} IS NOT NEW.${quote(name)} COLLATE BINARY)`;
	const mask = t.columns.map((name, i) => `(${changed(name)} << ${i})`).join(' | ');
	const oldChanged = t.columns.map(name => `CASE WHEN ${changed(name)} THEN OLD.${quote(name)} END`).join(', ');
	db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${t.log}_insert AFTER INSERT ON ${target} ${when} BEGIN
		INSERT INTO temp.${t.log} (step, kind, ${k.join(', ')}) VALUES (${STEP}, ${Kind.Insert}, ${newKey}); END`);
	db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${t.log}_delete AFTER DELETE ON ${target} ${when} BEGIN
		INSERT INTO temp.${t.log} (step, kind, ${[...k, ...c].join(', ')})
		VALUES (${STEP}, ${Kind.Delete}, ${oldKey}, ${t.columns.map(name => `OLD.${quote(name)}`).join(', ')}); END`);
	db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${t.log}_update AFTER UPDATE ON ${target} ${when} BEGIN
		INSERT INTO temp.${t.log} (step, kind, mask, ${[...k, ...c].join(', ')})
		VALUES (${STEP}, ${Kind.Update}, ${mask}, ${newKey}, ${oldChanged}); END`);
}

/** The undo queue of one open collection (see Collection.undo). */
export class CollectionUndo implements UndoQueue {
	private tables: TableLog[] | null = null;
	private readonly steps: Step[] = [];
	private nextId = 1;
	private active: number | null = null;
	private readonly statements = new Map<string, Database.Statement>();

	constructor(
		private readonly col: Collection,
		/** Runs fn in the collection's write transaction without clearing this queue. */
		private readonly transact: <T>(fn: () => T) => T,
	) {}

	get recording(): boolean {
		return this.active !== null;
	}

	get length(): number {
		return this.steps.length;
	}

	private get db(): Database.Database {
		return this.col.db;
	}

	private statement(sql: string): Database.Statement {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	/** Triggers go in on the first operation (temp schema only; answering before that pays nothing). */
	private ensureInstalled(): TableLog[] {
		if (this.tables) return this.tables;
		const db = this.db;
		db.exec('CREATE TEMP TABLE IF NOT EXISTS undo_state (step)');
		if (db.prepare('SELECT count(*) FROM temp.undo_state').pluck().get() === 0) db.exec('INSERT INTO temp.undo_state VALUES (NULL)');
		// REPLACE deletes the row it replaces; with recursive triggers that deletion is logged too.
		db.pragma('recursive_triggers = ON');
		const tables = describeTables(db);
		for (const table of tables) installTriggers(db, table);
		this.tables = tables;
		return tables;
	}

	run<T>(label: string, fn: () => T, options: UndoRunOptions = {}): T {
		// An operation inside another one belongs to the outer step.
		if (this.active !== null) return fn();
		const tables = this.ensureInstalled();
		const id = this.nextId++;
		const setStep = this.statement('UPDATE temp.undo_state SET step = ?');
		let result!: T;
		let changed = false;
		this.active = id;
		try {
			this.transact(() => {
				setStep.run(id);
				result = fn();
				changed = this.stepHasChanges(tables, id);
				if (changed) this.col.touch(options.nowMs ?? Date.now());
				setStep.run(null);
			});
		} finally {
			this.active = null;
		}
		if (changed) {
			const modAfter = this.colMod();
			this.steps.push({id, label, owner: options.owner, data: options.data, modAfter});
			while (this.steps.length > UNDO_LIMIT) this.forget(this.steps.shift()!.id);
		} else {
			this.forget(id);
		}
		return result;
	}

	peek(): string | null {
		return this.steps.at(-1)?.label ?? null;
	}

	undo(): UndoneOperation | null {
		const step = this.steps.at(-1);
		if (!step) return null;
		// Something wrote without going through this queue (another connection, a raw statement):
		// the recorded rows may no longer be the latest, so nothing can be undone safely.
		if (this.colMod() !== step.modAfter) {
			this.clear();
			return null;
		}
		const tables = this.ensureInstalled();
		this.transact(() => {
			for (const table of tables) this.revert(table, step.id);
		});
		this.steps.pop();
		this.forget(step.id);
		return {label: step.label, owner: step.owner, data: step.data};
	}

	clear(): void {
		if (this.steps.length === 0) return;
		this.steps.length = 0;
		if (!this.tables) return;
		for (const table of this.tables) this.statement(`DELETE FROM temp.${table.log}`).run();
	}

	private colMod(): number {
		return Number(this.statement('SELECT mod FROM main.col').pluck().get());
	}

	private stepHasChanges(tables: TableLog[], id: number): boolean {
		return tables.some(
			t => this.statement(`SELECT 1 FROM temp.${t.log} WHERE step = ? AND (kind != ${Kind.Update} OR mask != 0) LIMIT 1`).get(id) !== undefined,
		);
	}

	private forget(id: number): void {
		if (!this.tables) return;
		for (const table of this.tables) this.statement(`DELETE FROM temp.${table.log} WHERE step = ?`).run(id);
	}

	/** Replays the step's log of one table backwards: the newest change is undone first. */
	private revert(t: TableLog, id: number): void {
		const events = this.statement(`SELECT rowid AS seq, kind, mask FROM temp.${t.log} WHERE step = ? ORDER BY rowid DESC`).all(id) as Array<{
			seq: number;
			kind: number;
			mask: number | null;
		}>;
		const target = `main.${quote(t.table)}`;
		const keyColumns = t.key.map(name => (name === 'rowid' ? 'rowid' : quote(name)));
		const keyMatch = `(${keyColumns.join(', ')}) = (SELECT ${t.key.map((_, i) => `k${i}`).join(', ')} FROM temp.${t.log} WHERE rowid = @seq)`;
		for (const event of events) {
			if (event.kind === Kind.Insert) {
				this.statement(`DELETE FROM ${target} WHERE ${keyMatch}`).run({seq: event.seq});
			} else if (event.kind === Kind.Delete) {
				const columns = t.columns.map(quote);
				const values = t.columns.map((_, i) => `c${i}`);
				if (t.hiddenRowid) {
					columns.unshift('rowid');
					values.unshift('k0');
				}
				this.statement(`INSERT INTO ${target} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM temp.${t.log} WHERE rowid = @seq`).run({
					seq: event.seq,
				});
			} else {
				const mask = Number(event.mask ?? 0);
				if (mask === 0) continue;
				const sets = t.columns
					.map((name, i) => (Math.floor(mask / 2 ** i) % 2 === 1 ? `${quote(name)} = (SELECT c${i} FROM temp.${t.log} WHERE rowid = @seq)` : null))
					.filter(s => s !== null);
				this.statement(`UPDATE ${target} SET ${sets.join(', ')} WHERE ${keyMatch}`).run({seq: event.seq});
			}
		}
	}
}
