// Media sync, as Anki's client runs it: begin, pull the server's changes (downloading files in
// batches), push ours in zips of at most 25 files / 2.5 MB, then the sanity check.
import {createHash, randomBytes} from 'node:crypto';
import {closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs';
import path from 'node:path';
import {SyncError} from '../errors.js';
import {formatSize} from '../format-size.js';
import {EntryTooLargeError, readSmallEntry, streamEntry} from '../package/entry-stream.js';
import {allowedOutput, defaultLimits} from '../package/limits.js';
import {ZipReader, ZipSizeError} from '../package/zip-reader.js';
import type {SyncLimits} from './limits.js';
import {MediaDb, mediaPaths} from './media-db.js';
import {writeStoredZip, type ZipEntryInput} from './media-zip.js';
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
				const count = await downloadBatch(media, server, batch);
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

/**
 * One msync/downloadFiles batch: the zip is streamed to a private folder beside the media folder
 * (same disk, so finished files are renamed into place), then each file is streamed out of it
 * under the limits, checked (size, CRC), renamed into the media folder and recorded. A file is
 * never half-written: it appears complete or not at all, and the media DB lists exactly the files
 * written, so a failed batch is fetched again by the next sync.
 */
async function downloadBatch(media: MediaDb, server: SyncServer, batch: string[]): Promise<number> {
	mkdirSync(media.paths.folder, {recursive: true});
	const work = mkdtempSync(path.join(path.dirname(media.paths.folder), '.anki-tui-media-'));
	try {
		const zipFile = path.join(work, 'batch.zip');
		await server.mediaDownloadFiles(batch, zipFile);
		return await addFilesFromZip(media, zipFile, work, server);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

async function addFilesFromZip(media: MediaDb, zipFile: string, work: string, server: SyncServer): Promise<number> {
	const limits: SyncLimits = server.limits;
	const origin = new URL(server.endpoint).origin;
	const refused = (detail: string) =>
		new SyncError(`The sync server at ${origin} sent a media zip (msync/downloadFiles) ${detail}; the sync stopped, and no partial media file was written.`);
	let zip: ZipReader;
	try {
		zip = await ZipReader.open(zipFile);
	} catch {
		throw refused('that cannot be read as a zip');
	}
	try {
		const metaEntry = zip.get('_meta');
		if (!metaEntry) throw refused('without _meta');
		let names: Record<string, unknown>;
		try {
			names = JSON.parse((await readSmallEntry(zip, metaEntry, {zstd: false, maxOutput: 1024 * 1024})).toString('utf8')) as Record<string, unknown>;
		} catch {
			throw refused('whose _meta is not a JSON list of names');
		}
		if (!names || typeof names !== 'object') throw refused('whose _meta is not a JSON list of names');
		let count = 0;
		let total = 0;
		for (const [member, rawName] of Object.entries(names)) {
			const entry = zip.get(member);
			const fname = String(rawName).normalize('NFC');
			if (!entry || !safeName(fname)) continue;
			// As the package importer bounds zip members: a cap per file and on the expansion ratio.
			const cap = Math.min(limits.maxMediaFileBytes, allowedOutput(defaultLimits, entry.compressedSize));
			if (entry.uncompressedSize > cap) throw refused(`holding "${fname}" of ${formatSize(entry.uncompressedSize)}, over the ${formatSize(cap)} limit for one media file`);
			if (total + entry.uncompressedSize > limits.maxMediaBatchBytes) throw refused(`holding over ${formatSize(limits.maxMediaBatchBytes)} of files`);
			const partial = path.join(work, randomBytes(8).toString('hex'));
			const fd = openSync(partial, 'w');
			const hash = createHash('sha1');
			let written: number;
			try {
				written = await streamEntry(zip, entry, {zstd: false, maxOutput: cap}, chunk => {
					hash.update(chunk);
					writeSync(fd, chunk);
				});
			} catch (error) {
				if (error instanceof EntryTooLargeError || error instanceof ZipSizeError) throw refused(`whose "${fname}" expands beyond its declared size or the limit`);
				throw refused(`that is damaged ("${fname}": ${(error as Error).message})`);
			} finally {
				closeSync(fd);
			}
			total += written;
			const file = path.join(media.paths.folder, fname);
			renameSync(partial, file);
			media.recordFile(fname, hash.digest('hex'), Math.floor(statSync(file).mtimeMs / 1000));
			count++;
		}
		return count;
	} finally {
		zip.close();
	}
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
