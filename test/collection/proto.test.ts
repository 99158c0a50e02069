import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {
	decodeDeckCommon,
	decodeDeckConfigConfig,
	decodeDeckKind,
	decodeMediaEntries,
	decodeNotetypeConfig,
	decodePackageMetadata,
	encodeDeckCommon,
	encodeDeckConfigConfig,
	encodeDeckKind,
	encodeMediaEntries,
	encodeNotetypeConfig,
	encodePackageMetadata,
	newDeckCommon,
	newMediaEntries,
	newPackageMetadata,
} from '../../source/core/proto/index.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';

noticeIfNoShared();

function blobs(file: string, sql: string): Uint8Array[] {
	const copy = copyToTemp(file);
	try {
		const db = new Database(copy.file, {readonly: true});
		const rows = db.prepare(sql).raw().all() as Array<[Uint8Array]>;
		db.close();
		return rows.map(row => row[0]);
	} finally {
		copy.cleanup();
	}
}

describe.skipIf(!hasShared)('protobuf blobs from a real schema-18 collection', () => {
	const file = sharedFile('schema18-two-decks.anki2');

	it('decks.common re-encodes byte-identical and decodes the counters', () => {
		const commons = blobs(file, 'SELECT common FROM decks');
		expect(commons.length).toBe(3);
		for (const blob of commons) {
			const message = decodeDeckCommon(blob);
			expect(Buffer.from(encodeDeckCommon(message))).toEqual(Buffer.from(blob));
		}
		// The counters Anki wrote: deckb and decka were studied on the collection's first day (every
		// review is within a day of crt), for 10.4 s and 15.8 s; Default never.
		const [crt] = blobs(file, 'SELECT crt FROM col') as unknown as number[];
		const [lastReviewMs] = blobs(file, 'SELECT max(id) FROM revlog') as unknown as number[];
		expect(Math.floor((lastReviewMs! / 1000 - crt!) / 86_400)).toBe(0);
		const counters = commons.map(blob => decodeDeckCommon(blob)).map(c => [c.lastDayStudied, c.millisecondsStudied]);
		expect(counters.sort((x, y) => x[1]! - y[1]!)).toEqual([[0, 0], [0, 10_385], [0, 15_840]]);
		// deckb's time is exactly the sum of its review times
		const [deckbMs] = blobs(file, "SELECT sum(r.time) FROM revlog r JOIN cards c ON c.id = r.cid JOIN decks d ON d.id = c.did WHERE d.name = 'deckb' COLLATE BINARY") as unknown as number[];
		expect(deckbMs).toBe(10_385);
	});

	it('decks.kind, notetypes.config and deck_config.config re-encode byte-identical', () => {
		const kinds = blobs(file, 'SELECT kind FROM decks');
		for (const blob of kinds) {
			const message = decodeDeckKind(blob);
			expect(message.kind.case).toBe('normal');
			expect(Buffer.from(encodeDeckKind(message))).toEqual(Buffer.from(blob));
		}
		const notetypes = blobs(file, 'SELECT config FROM notetypes');
		expect(notetypes.length).toBeGreaterThan(0);
		for (const blob of notetypes) {
			expect(Buffer.from(encodeNotetypeConfig(decodeNotetypeConfig(blob)))).toEqual(Buffer.from(blob));
		}
		const configs = blobs(file, 'SELECT config FROM deck_config');
		for (const blob of configs) {
			const message = decodeDeckConfigConfig(blob);
			expect(message.reviewsPerDay).toBe(200);
			expect(message.initialEase).toBe(2.5);
			expect(message.learnSteps.length).toBeGreaterThan(0);
			expect(Buffer.from(encodeDeckConfigConfig(message))).toEqual(Buffer.from(blob));
		}
	});

	it('keeps fields it does not know through decode/encode', () => {
		const original = decodeDeckCommon(blobs(file, 'SELECT common FROM decks')[0]);
		// field 200, varint 7: not in our schema, as a future Anki might add
		const withUnknown = Buffer.concat([Buffer.from(encodeDeckCommon(original)), Buffer.from([0xc0, 0x0c, 0x07])]);
		const decoded = decodeDeckCommon(withUnknown);
		decoded.newStudied = 5;
		const reencoded = Buffer.from(encodeDeckCommon(decoded));
		expect(reencoded.subarray(-3)).toEqual(Buffer.from([0xc0, 0x0c, 0x07]));
		expect(decodeDeckCommon(reencoded).newStudied).toBe(5);
	});
});

describe('package metadata and media map', () => {
	it('encodes meta as Anki does (08 03) and decodes both versions', () => {
		expect(Buffer.from(encodePackageMetadata(newPackageMetadata({version: 3})))).toEqual(Buffer.from([0x08, 0x03]));
		expect(decodePackageMetadata(Buffer.from([0x08, 0x02])).version).toBe(2);
	});

	it('round-trips a media list and leaves defaults out', () => {
		const sha1 = new Uint8Array(20).fill(0xab);
		const entries = newMediaEntries({entries: [{name: 'a.jpg', size: 10, sha1}, {name: 'b.mp3', size: 0, sha1}]});
		const encoded = encodeMediaEntries(entries);
		const decoded = decodeMediaEntries(encoded);
		expect(decoded.entries.map(entry => entry.name)).toEqual(['a.jpg', 'b.mp3']);
		expect(decoded.entries[0].size).toBe(10);
		expect(decoded.entries[1].legacyZipFilename).toBeUndefined();
		expect(encodeMediaEntries(newMediaEntries())).toHaveLength(0);
		expect(encodeDeckCommon(newDeckCommon())).toHaveLength(0);
	});
});
