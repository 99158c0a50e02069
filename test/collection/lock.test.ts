// Another program holding the collection (as Anki desktop does) must be detected, quickly, and
// the file must be left exactly as it was.
import {spawn, type ChildProcess} from 'node:child_process';
import {createRequire} from 'node:module';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {CollectionLockedError} from '../../source/core/errors.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {sha1} from './helpers.js';

noticeIfNoShared();

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Starts `node -e` holding `file` with the given pragmas; resolves once the lock is taken. */
function holdLock(file: string, statements: string[]): Promise<ChildProcess> {
	const script = `
		const Database = require(${JSON.stringify(betterSqlite)});
		const db = new Database(process.argv[1]);
		for (const sql of ${JSON.stringify(statements)}) db.prepare(sql).run();
		process.stdout.write('locked\\n');
		process.stdin.on('end', () => { db.close(); process.exit(0); });
		process.stdin.resume();
	`;
	const child = spawn(process.execPath, ['-e', script, file], {stdio: ['pipe', 'pipe', 'inherit']});
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('locked')) resolve(child);
		});
		child.on('error', reject);
		child.on('exit', code => reject(new Error(`lock holder exited early (${code})`)));
	});
}

function release(child: ChildProcess): Promise<void> {
	return new Promise(resolve => {
		child.removeAllListeners('exit');
		child.on('exit', () => resolve());
		child.stdin!.end();
	});
}

const children: ChildProcess[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
	for (const child of children.splice(0)) if (child.exitCode === null) await release(child);
	while (cleanups.length > 0) cleanups.pop()!();
});

describe.skipIf(!hasShared)('a collection held by another program', () => {
	it.each([
		['rollback-journal exclusive transaction', ['PRAGMA locking_mode = EXCLUSIVE', 'BEGIN EXCLUSIVE']],
		['WAL exclusive mode, as Anki desktop', ['PRAGMA locking_mode = EXCLUSIVE', 'PRAGMA journal_mode = WAL', 'SELECT count(*) FROM col']],
		['WAL exclusive mode with changes not yet checkpointed', ['PRAGMA locking_mode = EXCLUSIVE', 'PRAGMA journal_mode = WAL', 'UPDATE col SET mod = mod + 1']],
	])('is refused with CollectionLockedError in under a second (%s)', async (_label, statements) => {
		const temp = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		cleanups.push(temp.cleanup);
		const holder = await holdLock(temp.file, statements);
		children.push(holder);
		const before = sha1(temp.file);

		for (const readOnly of [false, true]) {
			const started = performance.now();
			let caught: unknown;
			try {
				openCollection(temp.file, {readOnly}).close();
			} catch (error) {
				caught = error;
			}
			const elapsed = performance.now() - started;
			expect(caught).toBeInstanceOf(CollectionLockedError);
			expect((caught as Error).message).toBe(
				`${temp.file} is open in another program (Anki?). Close Anki, or sync instead, then try again.`,
			);
			expect(elapsed).toBeLessThan(1000);
		}
		expect(sha1(temp.file)).toBe(before);

		// once the other program is gone, the collection opens normally
		await release(holder);
		const collection = openCollection(temp.file);
		expect(collection.info().ver).toBe(18);
		collection.close();
	});
});
