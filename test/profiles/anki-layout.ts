// Anki base folders as Anki desktop leaves them, made in a temporary folder from the project's
// own fixtures: prefs21.db listing the profiles (plus `_global`), a folder per profile with
// collection.anki2, collection.media/ and backups/, and folders that are not profiles.
import {spawn} from 'node:child_process';
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {projectRoot} from '../helpers/shared.js';

export interface LayoutProfile {
	name: string;
	/** Which project fixture becomes its collection; null: Anki knows it but made no collection yet. */
	schema: 11 | 18 | null;
}

export function makeAnkiBase(base: string, profiles: LayoutProfile[], options: {prefs?: boolean} = {}): void {
	mkdirSync(base, {recursive: true});
	if (options.prefs !== false) {
		// As aqt/profiles.py creates it (rollback journal, pickled data we never read).
		const db = new Database(path.join(base, 'prefs21.db'));
		db.exec('create table if not exists profiles (name text primary key collate nocase, data blob not null)');
		const insert = db.prepare('insert into profiles values (?, ?)');
		insert.run('_global', Buffer.from([0x80, 0x04, 0x7d, 0x94, 0x2e]));
		for (const p of profiles) insert.run(p.name, Buffer.from([0x80, 0x04, 0x7d, 0x94, 0x2e]));
		db.close();
	}
	for (const p of profiles) {
		const folder = path.join(base, p.name);
		mkdirSync(folder, {recursive: true});
		if (p.schema === null) continue;
		copyFileSync(path.join(projectRoot, 'fixtures', `schema${p.schema}.anki2`), path.join(folder, 'collection.anki2'));
		mkdirSync(path.join(folder, 'collection.media'), {recursive: true});
		mkdirSync(path.join(folder, 'backups'), {recursive: true});
	}
	// Not profiles: add-ons, logs, and a stray folder that even holds a collection.
	mkdirSync(path.join(base, 'addons21', '123456'), {recursive: true});
	writeFileSync(path.join(base, 'addons21', '123456', '__init__.py'), '');
	mkdirSync(path.join(base, 'logs'), {recursive: true});
	if (options.prefs !== false) {
		mkdirSync(path.join(base, 'Removed profile'), {recursive: true});
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), path.join(base, 'Removed profile', 'collection.anki2'));
	}
}

/**
 * Another process opens the collection as Anki does (exclusive locking, WAL, a write taken;
 * rslib storage/sqlite.rs) and keeps it until released. A separate process, because POSIX locks
 * belong to a process: any file handle this process closed on the file would drop its own.
 */
export async function holdAsAnki(file: string): Promise<{release: () => Promise<void>}> {
	const script = `
		const db = new (require('better-sqlite3'))(process.argv[1]);
		db.pragma('locking_mode = exclusive'); db.pragma('journal_mode = wal'); db.exec('BEGIN IMMEDIATE; COMMIT');
		process.stdout.write('ready\\n');
		process.stdin.on('end', () => { db.close(); process.exit(0); }); process.stdin.resume();`;
	const child = spawn(process.execPath, ['-e', script, file], {cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit']});
	await new Promise<void>((resolve, reject) => {
		child.stdout.once('data', () => resolve());
		child.once('exit', code => reject(new Error(`holder exited with ${code}`)));
	});
	return {release: () => new Promise<void>(resolve => {
		child.once('exit', () => resolve());
		child.stdin.end();
	})};
}
