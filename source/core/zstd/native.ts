// zstd-napi (native libzstd, about 5x faster than fzstd on large collections), loaded on first use
// so nothing pays for it that does not need zstd. When the addon is missing or fails to load,
// decoding falls back to fzstd (pure JS) and one-shot encoding to raw blocks.
import {createRequire} from 'node:module';

export const ZSTD_MAGIC = 0xfd2fb528;

export type NativeBinding = typeof import('zstd-napi/binding.js');
type NativeApi = typeof import('zstd-napi');
interface Native {
	binding: NativeBinding;
	api: NativeApi;
}
let native: Native | null | undefined;

/** The addon, or null when it cannot be used here. */
export function loadNative(): Native | null {
	if (native !== undefined) return native;
	try {
		const load = createRequire(import.meta.url);
		const binding = load('zstd-napi/binding.js') as NativeBinding;
		const api = load('zstd-napi') as NativeApi;
		api.compress(Buffer.from('probe'));
		native = {binding, api};
	} catch {
		native = null;
	}
	return native;
}
