// zstd decoding: the package reader's streaming decoder with an output cap, so a package entry is
// never held twice in memory and a "zstd bomb" (tiny input, huge output) stops as soon as it passes
// its allowed size; and the one-shot decode of the v11 sync framing.
import {Decompress, decompress as fzstdDecompress} from 'fzstd';
import {loadNative, ZSTD_MAGIC, type NativeBinding} from './native.js';

/** libzstd's default decoder window limit (2^27): frames from Anki's streaming encoder stay below it. */
const usualMaxWindow = 1 << 27;
const headerBytesNeeded = 18;

export class ZstdLimitError extends Error {}
export class ZstdDataError extends Error {}

interface FrameHeader {
	windowSize: number;
	contentSize: number | undefined;
}

/** Reads the first frame header (RFC 8878 §3.1.1.1); undefined for skippable frames. */
function readFrameHeader(head: Uint8Array): FrameHeader | undefined {
	const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
	const magic = view.readUInt32LE(0);
	if ((magic & 0xfffffff0) === 0x184d2a50) return undefined;
	if (magic !== ZSTD_MAGIC) throw new ZstdDataError('not a zstd frame');
	const descriptor = view[4];
	const singleSegment = (descriptor >> 5) & 1;
	const dictBytes = [0, 1, 2, 4][descriptor & 3];
	const sizeFlag = descriptor >> 6;
	let pos = 5;
	let windowSize = 0;
	if (!singleSegment) {
		const wd = view[pos++];
		const base = 2 ** (10 + (wd >> 3));
		windowSize = base + (base / 8) * (wd & 7);
	}
	pos += dictBytes;
	const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
	let contentSize: number | undefined;
	if (sizeBytes === 1) contentSize = view[pos];
	else if (sizeBytes === 2) contentSize = view.readUInt16LE(pos) + 256;
	else if (sizeBytes === 4) contentSize = view.readUInt32LE(pos);
	else if (sizeBytes === 8) contentSize = Number(view.readBigUInt64LE(pos));
	if (singleSegment) windowSize = contentSize ?? 0;
	return {windowSize, contentSize};
}

/** The decoding engine behind the header check: native libzstd when the addon loads, else fzstd. */
interface ZstdEngine {
	/** Emits output through the callback given at creation; chunks are only valid during it. */
	push(chunk: Uint8Array, final: boolean): void;
	/** Hands reusable resources back once the frame is complete. */
	release?(): void;
}

export type ZstdEngineName = 'native' | 'js';

function jsEngine(onData: (chunk: Uint8Array) => void): ZstdEngine {
	const inner = new Decompress((chunk) => {
		if (chunk.length > 0) onData(chunk);
	});
	return {push: (chunk, final) => inner.push(chunk, final)};
}

interface NativeContext {
	dctx: InstanceType<NativeBinding['DCtx']>;
	out: Buffer;
}

// A package holds thousands of small zstd media files; a fresh libzstd context and output buffer per
// file made the import allocate native memory thousands of times (and V8 run a major GC for most of
// them). Finished contexts are kept and reset for the next file instead.
const idleContexts: NativeContext[] = [];
const maxIdleContexts = 4;

function acquireContext(binding: NativeBinding): NativeContext {
	const reused = idleContexts.pop();
	if (reused) {
		reused.dctx.reset(binding.ResetDirective.sessionOnly);
		return reused;
	}
	const dctx = new binding.DCtx();
	// The header check below already enforces our window policy; let libzstd accept up to 2 GiB.
	dctx.setParameter(binding.DParameter.windowLogMax, 31);
	return {dctx, out: Buffer.allocUnsafe(binding.dStreamOutSize())};
}

function nativeEngine(binding: NativeBinding, onData: (chunk: Uint8Array) => void): ZstdEngine {
	let context: NativeContext | undefined = acquireContext(binding);
	const {dctx, out} = context;
	let inFrame = false;
	return {
		release() {
			if (context && !inFrame && idleContexts.length < maxIdleContexts) idleContexts.push(context);
			context = undefined;
		},
		push(chunk, final) {
			let source = chunk;
			while (source.length > 0 || inFrame) {
				const [remaining, produced, consumed] = dctx.decompressStream(out, source);
				if (produced > 0) onData(out.subarray(0, produced));
				source = source.subarray(consumed);
				inFrame = remaining !== 0;
				if (source.length === 0 && produced < out.length) break;
			}
			if (final && inFrame) throw new ZstdDataError('truncated zstd data');
		},
	};
}

export class CappedZstdDecoder {
	private readonly inner: ZstdEngine;
	private pending: Uint8Array[] = [];
	private pendingBytes = 0;
	private headerChecked = false;
	private written = 0;

	private constructor(
		private readonly maxOutput: number,
		makeEngine: (emit: (chunk: Uint8Array) => void) => ZstdEngine,
		private readonly onData: (chunk: Uint8Array) => void,
	) {
		this.inner = makeEngine((chunk) => {
			this.written += chunk.length;
			if (this.written > this.maxOutput) {
				throw new ZstdLimitError(`expands beyond ${this.maxOutput} bytes`);
			}
			this.onData(chunk);
		});
	}

	/** `onData` chunks may be reused after the callback returns: copy them if kept. */
	static async create(maxOutput: number, onData: (chunk: Uint8Array) => void, engine?: ZstdEngineName): Promise<CappedZstdDecoder> {
		const binding = engine === 'js' ? undefined : loadNative()?.binding;
		if (engine === 'native' && !binding) throw new Error('zstd-napi is not available');
		return new CappedZstdDecoder(maxOutput, (emit) => (binding ? nativeEngine(binding, emit) : jsEngine(emit)), onData);
	}

	get outputBytes(): number {
		return this.written;
	}

	push(chunk: Uint8Array): void {
		if (this.headerChecked) {
			this.feed(chunk, false);
			return;
		}
		this.pending.push(chunk);
		this.pendingBytes += chunk.length;
		if (this.pendingBytes >= headerBytesNeeded) this.releasePending(false);
	}

	/** Call once after the last chunk; throws when the frame is truncated. */
	finish(): void {
		if (!this.headerChecked) {
			if (this.pendingBytes === 0) throw new ZstdDataError('empty zstd data');
			this.releasePending(true);
			this.inner.release?.();
			return;
		}
		this.feed(new Uint8Array(0), true);
		this.inner.release?.();
	}

	private releasePending(final: boolean): void {
		// A whole small file arrives as one chunk: no copy of it just to read its header.
		const head = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
		this.pending = [];
		this.pendingBytes = 0;
		if (head.length < 4) throw new ZstdDataError('truncated zstd data');
		this.checkHeader(head);
		this.headerChecked = true;
		this.feed(head, final);
	}

	private checkHeader(head: Uint8Array): void {
		let header: FrameHeader | undefined;
		try {
			header = readFrameHeader(head);
		} catch (error) {
			if (error instanceof RangeError) throw new ZstdDataError('truncated zstd frame header');
			throw error;
		}
		if (!header) return;
		if (header.contentSize !== undefined && header.contentSize > this.maxOutput) {
			throw new ZstdLimitError(`declares ${header.contentSize} bytes, more than the ${this.maxOutput} allowed`);
		}
		if (header.windowSize > usualMaxWindow && header.windowSize > this.maxOutput) {
			throw new ZstdLimitError(`asks for a ${header.windowSize}-byte zstd window`);
		}
	}

	private feed(chunk: Uint8Array, final: boolean): void {
		try {
			this.inner.push(chunk, final);
		} catch (error) {
			if (error instanceof ZstdLimitError || error instanceof ZstdDataError) throw error;
			throw new ZstdDataError(`invalid zstd data (${(error as Error).message})`);
		}
	}
}

export function zstdDecompress(data: Uint8Array): Buffer {
	const out = fzstdDecompress(data);
	return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
