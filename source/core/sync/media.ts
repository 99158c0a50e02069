// Media sync, as Anki's client runs it: begin, pull the server's changes (downloading files in
// batches), push ours in zips of at most 25 files / 2.5 MB, then the sanity check.
import {rmSync, statSync, writeFileSync, readFileSync, existsSync} from 'node:fs';
import path from 'node:path';
import {SyncError} from '../errors.js';
import {MediaDb, mediaPaths, sha1Hex} from './media-db.js';
import {readZip, writeStoredZip, type ZipEntryInput} from './media-zip.js';
import type {CancelToken, ProgressFn} from './progress.js';
import type {SyncServer} from './remote.js';

export interface MediaStats {
	downloaded: number;
	uploaded: number;
	deletedLocally: number;
	/** 'noChanges', 'ok', or the server's sanity answer when it disagreed. */
	result: string;
}

const ZIP_MAX_FILES = 25;
const ZIP_MAX_BYTES = 2.5 * 1024 * 1024;

/** A file name the server may send; anything with a path in it is refused. */
function safeName(fname: string): boolean {
	return fname.length > 0 && !fname.includes('/') && !fname.includes('\\') && fname !== '.' && fname !== '..' && !fname.includes('\0');
}

export async function mediaSync(
	collectionPath: string,
	server: SyncServer,
	_metaMediaUsn: number,
	options: {progress: ProgressFn; cancel?: CancelToken},
): Promise<MediaStats> {
	const media = new MediaDb(mediaPaths(collectionPath));
	const stats: MediaStats = {downloaded: 0, uploaded: 0, deletedLocally: 0, result: 'noChanges'};
	try {
		options.progress('Checking media');
		media.registerLocalChanges();
		const begin = await server.mediaBegin();
		let lastUsn = media.lastUsn();
		if (lastUsn === begin.usn && media.dirtyCount() === 0) return stats;

		// Pull.
		for (;;) {
			if (options.cancel?.cancelled) throw new SyncError('Media sync interrupted; run the sync again');
			const changes = await server.mediaChanges(lastUsn);
			if (changes.length === 0) break;
			const need: string[] = [];
			for (const [fname, , remoteSum] of changes) {
				if (!safeName(fname)) continue;
				const local = media.entry(fname);
				if (remoteSum) {
					if (!local?.csum || local.csum !== remoteSum) need.push(fname);
					else media.markClean([fname]);
				} else if (local?.csum) {
					// Deleted remotely: follow, unless changed here too (a local add beats a remote delete).
					if (!local.dirty) {
						rmSync(path.join(media.paths.folder, fname), {force: true});
						media.forget(fname);
						stats.deletedLocally++;
					}
				} else {
					media.forget(fname);
				}
			}
			while (need.length > 0) {
				const batch = need.slice(0, ZIP_MAX_FILES);
				options.progress(`Downloading media (${stats.downloaded} done, ${need.length} to go)`);
				const zip = await server.mediaDownloadFiles(batch);
				const count = await addFilesFromZip(media, zip);
				if (count === 0) throw new SyncError('Sync protocol mismatch: the server sent an empty media batch');
				stats.downloaded += count;
				need.splice(0, count);
			}
			lastUsn = changes[changes.length - 1][1];
			media.setLastUsn(lastUsn);
		}

		// Push.
		for (;;) {
			if (options.cancel?.cancelled) throw new SyncError('Media sync interrupted; run the sync again');
			const {zip, fnames} = changesZip(media, server.protocol === 11);
			if (fnames.length === 0) break;
			options.progress(`Uploading media (${stats.uploaded} done)`);
			const [processed, serverUsn] = await server.mediaUploadChanges(zip);
			media.markClean(fnames.slice(0, processed));
			stats.uploaded += processed;
			if (serverUsn - processed === lastUsn) {
				lastUsn = serverUsn;
				media.setLastUsn(serverUsn);
			} else {
				// Someone else synced media meanwhile: fetch everything again next time.
				media.setLastUsn(0);
				throw new SyncError('Media changed on the server during the sync; run the sync again');
			}
			if (processed === 0) break;
		}

		const answer = await server.mediaSanity(media.fileCount());
		if (answer !== 'OK') {
			media.resetForFullResync();
			stats.result = answer;
			throw new SyncError('Media sync sanity check failed; the next sync will check every media file again');
		}
		stats.result = 'ok';
		return stats;
	} finally {
		media.close();
	}
}

async function addFilesFromZip(media: MediaDb, zip: Buffer): Promise<number> {
	const members = await readZip(zip);
	const metaRaw = members.get('_meta');
	if (!metaRaw) throw new SyncError('Sync protocol mismatch: media zip without _meta');
	const names = JSON.parse(metaRaw.toString('utf8')) as Record<string, string>;
	let count = 0;
	for (const [member, rawName] of Object.entries(names)) {
		const data = members.get(member);
		const fname = String(rawName).normalize('NFC');
		if (!data || !safeName(fname)) continue;
		const file = path.join(media.paths.folder, fname);
		writeFileSync(file, data);
		media.recordFile(fname, sha1Hex(data), Math.floor(statSync(file).mtimeMs / 1000));
		count++;
	}
	return count;
}

function changesZip(media: MediaDb, modern: boolean): {zip: Buffer; fnames: string[]} {
	const entries: ZipEntryInput[] = [];
	const meta: Array<[string, string | null]> = [];
	const fnames: string[] = [];
	let bytes = 0;
	for (const entry of media.dirtyEntries(ZIP_MAX_FILES * 4)) {
		if (fnames.length >= ZIP_MAX_FILES || bytes >= ZIP_MAX_BYTES) break;
		const file = path.join(media.paths.folder, entry.fname);
		if (entry.csum && existsSync(file)) {
			const data = readFileSync(file);
			const member = String(entries.length);
			entries.push({name: member, data});
			meta.push([entry.fname, member]);
			bytes += data.length;
		} else {
			// A deletion: modern clients send null, the legacy one "".
			meta.push([entry.fname, modern ? null : '']);
		}
		fnames.push(entry.fname);
	}
	entries.push({name: '_meta', data: Buffer.from(JSON.stringify(meta), 'utf8')});
	return {zip: writeStoredZip(entries), fnames};
}
