// Anki seeds its fuzz with Rust's `StdRng::seed_from_u64` (rand 0.9: ChaCha12 keyed by a PCG32
// expansion of the seed). Reproducing that generator is what makes our intervals the ones Anki
// itself would pick for the same card and rep count.

const MASK64 = (1n << 64n) - 1n;
const PCG_MUL = 6364136223846793005n;
const PCG_INC = 11634580027462260723n;

/** The 32-byte key rand_core derives from a u64 seed (eight PCG32 outputs, little-endian). */
function keyFromU64(seed: bigint): Uint32Array {
	const key = new Uint32Array(8);
	let state = seed & MASK64;
	for (let i = 0; i < 8; i++) {
		state = (state * PCG_MUL + PCG_INC) & MASK64;
		const xorshifted = Number((((state >> 18n) ^ state) >> 27n) & 0xffffffffn);
		const rot = Number(state >> 59n);
		key[i] = ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
	}
	return key;
}

function rotl(x: number, n: number): number {
	return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** One ChaCha block with `rounds` rounds (12 for StdRng), counter and stream as given. */
export function chachaBlock(key: Uint32Array, counter: number, rounds = 12): Uint32Array {
	const s = new Uint32Array(16);
	s[0] = 0x61707865;
	s[1] = 0x3320646e;
	s[2] = 0x79622d32;
	s[3] = 0x6b206574;
	s.set(key, 4);
	s[12] = counter >>> 0;
	s[13] = Math.floor(counter / 0x100000000) >>> 0;
	const x = Uint32Array.from(s);
	const qr = (a: number, b: number, c: number, d: number) => {
		x[a] = (x[a]! + x[b]!) >>> 0;
		x[d] = rotl(x[d]! ^ x[a]!, 16);
		x[c] = (x[c]! + x[d]!) >>> 0;
		x[b] = rotl(x[b]! ^ x[c]!, 12);
		x[a] = (x[a]! + x[b]!) >>> 0;
		x[d] = rotl(x[d]! ^ x[a]!, 8);
		x[c] = (x[c]! + x[d]!) >>> 0;
		x[b] = rotl(x[b]! ^ x[c]!, 7);
	};
	for (let i = 0; i < rounds; i += 2) {
		qr(0, 4, 8, 12);
		qr(1, 5, 9, 13);
		qr(2, 6, 10, 14);
		qr(3, 7, 11, 15);
		qr(0, 5, 10, 15);
		qr(1, 6, 11, 12);
		qr(2, 7, 8, 13);
		qr(3, 4, 9, 14);
	}
	for (let i = 0; i < 16; i++) x[i] = (x[i]! + s[i]!) >>> 0;
	return x;
}

/** A stream of u32 outputs as `StdRng` yields them. */
export class StdRng {
	private block: Uint32Array;
	private index = 0;
	private counter = 0;
	constructor(private readonly key: Uint32Array) {
		this.block = chachaBlock(key, 0);
	}

	static seedFromU64(seed: bigint | number): StdRng {
		return new StdRng(keyFromU64(BigInt(seed)));
	}

	static fromSeedBytes(bytes: Uint8Array): StdRng {
		const key = new Uint32Array(8);
		const view = new DataView(bytes.buffer, bytes.byteOffset, 32);
		for (let i = 0; i < 8; i++) key[i] = view.getUint32(i * 4, true);
		return new StdRng(key);
	}

	nextU32(): number {
		if (this.index === 16) {
			this.counter++;
			this.block = chachaBlock(this.key, this.counter);
			this.index = 0;
		}
		return this.block[this.index++]!;
	}

	/** rand's `random_range(0.0f32..1.0)`: 23 random mantissa bits. */
	nextUnitF32(): number {
		return (this.nextU32() >>> 9) / 8388608;
	}

	/** rand 0.9's `random_range(low..high)` for u32 (widening multiply, Canon's one-step fix). */
	rangeU32(low: number, highExclusive: number): number {
		const range = (highExclusive - 1 - low + 1) >>> 0;
		const [hi, lo] = wideMul(this.nextU32(), range);
		let result = hi;
		if (lo > ((0x100000000 - range) >>> 0)) {
			const [nextHi] = wideMul(this.nextU32(), range);
			if (lo + nextHi > 0xffffffff) result += 1;
		}
		return low + result;
	}
}

/** u32 × u32 → [high 32 bits, low 32 bits]. */
function wideMul(a: number, b: number): [number, number] {
	const product = BigInt(a) * BigInt(b);
	return [Number(product >> 32n), Number(product & 0xffffffffn)];
}

/** Anki's fuzz seed: card id plus reps before the answer (wrapping u64 add). */
export function fuzzSeed(cardId: number, reps: number): bigint {
	return (BigInt(cardId) + BigInt(reps)) & MASK64;
}

/** The fuzz factor in [0, 1) Anki derives from a seed. */
export function fuzzFactorFromSeed(seed: bigint): number {
	return StdRng.seedFromU64(seed).nextUnitF32();
}
