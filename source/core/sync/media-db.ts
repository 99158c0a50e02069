// Local media state in `<collection>.media.db2`, the file and tables Anki's client keeps beside
// the media folder: one row per file (sha1, mtime, dirty), and the last server media usn.
import type Database from 'better-sqlite3';
import {openDatabase} from '../collection/sqlite.js';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync} from 'node:fs';
import path from 'node:path';
import {mediaDirFor} from '../collection/local.js';

export interface MediaPaths {
	folder: string;
	dbFile: string;
}

/** `collection.anki2` → `collection.media/` and `collection.media.db2` (Anki: folder + ".db2"). */
export function mediaPaths(collectionPath: string): MediaPaths {
	const folder = mediaDirFor(collectionPath);
	return {folder, dbFile: `${folder}.db2`};
}

export interface MediaEntry {
	fname: string;
	csum: string | null;
	dirty: number;
}

export function sha1Hex(data: Buffer): string {
	return createHash('sha1').update(data).digest('hex');
}

/** Names Anki would never sync: hidden files, folders, OS litter. */
function ignoredName(name: string): boolean {
	return name.startsWith('.') || name === 'thumbs.db' || name === 'Thumbs.db' || name === 'desktop.ini';
}

export class MediaDb {
	readonly db: Database.Database;

	constructor(readonly paths: MediaPaths) {
		mkdirSync(paths.folder, {recursive: true});
		this.db = openDatabase(paths.dbFile);
		const exists = this.db.prepare("select 1 from sqlite_master where type = 'table' and name = 'media'").get();
		if (!exists) {
			// The file Anki's own client creates (rslib media client database), so either can use it.
			this.db.pragma('page_size = 4096');
			this.db.pragma('journal_mode = wal');
			this.db.exec(`
				begin;
				create table media (fname text not null primary key, csum text, mtime int not null, dirty int not null) without rowid;
				create index idx_media_dirty on media (dirty) where dirty = 1;
				create table meta (dirMod int, lastUsn int);
				insert into meta values (0, 0);
				commit;
				vacuum;
				analyze;
			`);
		}
	}

	close(): void {
		this.db.close();
	}

	lastUsn(): number {
		return Number(this.db.prepare('select lastUsn from meta').pluck().get() ?? 0);
	}

	setLastUsn(usn: number): void {
		this.db.prepare('update meta set lastUsn = ?').run(usn);
	}

	entry(fname: string): MediaEntry | undefined {
		return this.db.prepare('select fname, csum, dirty from media where fname = ?').get(fname) as MediaEntry | undefined;
	}

	/** Finds files added, changed or removed in the folder since the last look; marks them dirty. */
	registerLocalChanges(): number {
		let changes = 0;
		const known = new Map<string, {csum: string | null; mtime: number}>();
		for (const row of this.db.prepare('select fname, csum, mtime from media').all() as Array<{fname: string; csum: string | null; mtime: number}>) {
			known.set(row.fname, row);
		}
		const upsert = this.db.prepare('insert or replace into media (fname, csum, mtime, dirty) values (?, ?, ?, ?)');
		const seen = new Set<string>();
		const recent = Math.floor(Date.now() / 1000) - 2;
		const names = existsSync(this.paths.folder) ? readdirSync(this.paths.folder) : [];
		this.db.transaction(() => {
			for (const raw of names) {
				if (ignoredName(raw)) continue;
				const fname = raw.normalize('NFC');
				let file = path.join(this.paths.folder, raw);
				const stat = statSync(file);
				if (!stat.isFile() || stat.size === 0) continue;
				if (fname !== raw && !existsSync(path.join(this.paths.folder, fname))) {
					// Anki keeps media names NFC on disk too (macOS hands out NFD names).
					renameSync(file, path.join(this.paths.folder, fname));
					file = path.join(this.paths.folder, fname);
				}
				seen.add(fname);
				const mtime = Math.floor(stat.mtimeMs / 1000);
				const previous = known.get(fname);
				// mtime has one-second resolution (as Anki stores it): files touched in the last
				// seconds are hashed even when it looks unchanged.
				if (previous && previous.csum && previous.mtime === mtime && mtime < recent) continue;
				const csum = sha1Hex(readFileSync(file));
				if (previous?.csum === csum) {
					upsert.run(fname, csum, mtime, (this.entry(fname)?.dirty ?? 0));
				} else {
					upsert.run(fname, csum, mtime, 1);
					changes++;
				}
			}
			for (const [fname, row] of known) {
				if (row.csum && !seen.has(fname)) {
					upsert.run(fname, null, 0, 1);
					changes++;
				}
			}
		})();
		return changes;
	}

	dirtyCount(): number {
		return Number(this.db.prepare('select count() from media where dirty = 1').pluck().get());
	}

	dirtyEntries(limit: number): MediaEntry[] {
		return this.db.prepare('select fname, csum, dirty from media where dirty = 1 limit ?').all(limit) as MediaEntry[];
	}

	/** Files present locally (what mediaSanity compares). */
	fileCount(): number {
		return Number(this.db.prepare('select count() from media where csum is not null').pluck().get());
	}

	markClean(fnames: string[]): void {
		const clean = this.db.prepare('update media set dirty = 0 where fname = ?');
		const dropDeleted = this.db.prepare('delete from media where fname = ? and csum is null');
		this.db.transaction(() => {
			for (const fname of fnames) {
				dropDeleted.run(fname);
				clean.run(fname);
			}
		})();
	}

	recordFile(fname: string, csum: string, mtime: number): void {
		this.db.prepare('insert or replace into media (fname, csum, mtime, dirty) values (?, ?, ?, 0)').run(fname, csum, mtime);
	}

	forget(fname: string): void {
		this.db.prepare('delete from media where fname = ?').run(fname);
	}

	/** After a failed media sanity check: forget everything, so every file is checked and sent again (as Anki). */
	resetForFullResync(): void {
		this.db.exec('delete from media; update meta set lastUsn = 0, dirMod = 0');
	}
}
