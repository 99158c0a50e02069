// Maps the internal errors of zip/zstd/protobuf decoding to one-line user errors naming the package.
import {AnkiTuiError} from '../errors.js';
import {EntryTooLargeError} from './entry-stream.js';
import {MediaMapError} from './media-map.js';
import {packageErrors} from './package-errors.js';
import {MetaDecodeError} from './package-meta.js';
import {ZipDataError, ZipSizeError} from './zip-reader.js';
import {ZstdDataError, ZstdLimitError} from '../zstd/decode.js';

export function toPackageError(file: string, error: unknown, context = ''): Error {
	if (error instanceof AnkiTuiError) return error;
	// Zip errors already name their entry; others get the context (entry or list) in front.
	const prefix = context && !(error instanceof ZipSizeError || error instanceof ZipDataError) ? `${context}: ` : '';
	if (error instanceof ZipSizeError || error instanceof ZstdLimitError || error instanceof EntryTooLargeError) {
		return packageErrors.unsafe(file, prefix + error.message);
	}
	if (error instanceof ZipDataError || error instanceof ZstdDataError || error instanceof MetaDecodeError || error instanceof MediaMapError) {
		return packageErrors.damaged(file, prefix + error.message);
	}
	const code = (error as NodeJS.ErrnoException)?.code;
	if (code === 'ENOSPC' || code === 'EDQUOT') return packageErrors.noSpace(file, (error as Error).message);
	return error instanceof Error ? error : new Error(String(error));
}
