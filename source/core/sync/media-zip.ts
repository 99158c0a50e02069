// The zips media sync exchanges: members named 0, 1, ... plus `_meta`. We write stored
// (uncompressed) members, as Anki's current client does; media files are compressed already.
import {crc32} from 'node:zlib';
import yauzl from 'yauzl';
import {SyncError} from '../errors.js';

export interface ZipEntryInput {
	name: string;
	data: Buffer;
}

export function writeStoredZip(entries: ZipEntryInput[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const crc = crc32(entry.data) >>> 0;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt32LE(0, 10); // DOS time/date: unused by Anki
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(entry.data.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, entry.data);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt32LE(0, 12);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(entry.data.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += 30 + name.length + entry.data.length;
	}
	const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

/** All members of a zip held in memory: only for zips we made (tests); a server's zips go through media.ts, streamed and bounded. */
export function readZip(zip: Buffer): Promise<Map<string, Buffer>> {
	return new Promise((resolve, reject) => {
		const fail = () => reject(new SyncError('Sync protocol mismatch: the server sent a media zip that cannot be read'));
		yauzl.fromBuffer(zip, {lazyEntries: true}, (error, file) => {
			if (error || !file) return fail();
			const out = new Map<string, Buffer>();
			file.on('error', fail);
			file.on('end', () => resolve(out));
			file.on('entry', (entry: yauzl.Entry) => {
				file.openReadStream(entry, (streamError, stream) => {
					if (streamError || !stream) return fail();
					const chunks: Buffer[] = [];
					stream.on('data', (chunk: Buffer) => chunks.push(chunk));
					stream.on('error', fail);
					stream.on('end', () => {
						out.set(entry.fileName, Buffer.concat(chunks));
						file.readEntry();
					});
				});
			});
			file.readEntry();
		});
	});
}
