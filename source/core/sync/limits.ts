// What anki-tui accepts from a sync server, which may be broken, misconfigured or hostile (plain
// http can be tampered with on the way). Every reply is read as a stream and the call ends with a
// one-line SyncError as soon as it passes its cap; media zips go to disk, never whole into memory,
// and each file in them is bounded as the package importer bounds zip members (core/package/limits.ts).

export interface SyncLimits {
	/** Any JSON or text reply (meta, chunks, media lists...): 3 x 100 MiB, the most Anki's server accepts after decompression (MAX_SYNC_PAYLOAD_MEGS). */
	maxReplyBytes: number;
	/** A full download's collection file (after v11's zstd); it is held in memory before it is written. */
	maxCollectionBytes: number;
	/** msync/downloadFiles: the zip as sent. Anki's server fills a zip to about 2.5 MB, or one file of any size up to its own limit. */
	maxMediaZipBytes: number;
	/** One media file from such a zip: Anki refuses media files over 100 MiB (MAX_INDIVIDUAL_MEDIA_FILE_SIZE). */
	maxMediaFileBytes: number;
	/** All files of one zip together, once extracted. */
	maxMediaBatchBytes: number;
}

const MiB = 1024 ** 2;

export const defaultSyncLimits: SyncLimits = {
	maxReplyBytes: 300 * MiB,
	maxCollectionBytes: 2048 * MiB,
	maxMediaZipBytes: 128 * MiB,
	maxMediaFileBytes: 100 * MiB,
	maxMediaBatchBytes: 256 * MiB,
};
