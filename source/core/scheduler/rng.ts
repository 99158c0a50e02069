// Anki seeds its fuzz with Rust's `StdRng::seed_from_u64` (rand 0.9: ChaCha12 keyed by a PCG32
// expansion of the seed). Reproducing that generator is what makes our intervals the ones Anki
// itself would pick for the same card and rep count.

const MASK64 = (1n << 64n) - 1n;
const PCG_MUL = 6364136223846793005n;
const PCG_INC = 11634580027462260723n;

const TWO_32 = 4294967296;

/** Low 64 bits of a u32 x u32 product as [hi, lo], exact in doubles via 16-bit limbs. */
function mul32(a: number, b: number): [number, number] {
	const a0 = a & 0xffff;
	const a1 = a >>> 16;
	const b0 = b & 0xffff;
	const b1 = b >>> 16;
	const mid = a0 * b1 + a1 * b0;
	const low = a0 * b0 + (mid % 65536) * 65536;
	const hi = a1 * b1 + Math.floor(mid / 65536) + Math.floor(low / TWO_32);
	return [hi >>> 0, low >>> 0];
}

const MUL_HI = Number(PCG_MUL >> 32n);
const MUL_LO = Number(PCG_MUL & 0xffffffffn);
const INC_HI = Number(PCG_INC >> 32n);
const INC_LO = Number(PCG_INC & 0xffffffffn);

/** The 32-byte key rand_core derives from a u64 seed (eight PCG32 outputs, little-endian). */
function keyFromU64(seed: bigint): Uint32Array {
	const s = seed & MASK64;
	return keyFromHalves(Number(s >> 32n), Number(s & 0xffffffffn));
}

function keyFromHalves(seedHi: number, seedLo: number): Uint32Array {
	const key = new Uint32Array(8);
	let hi = seedHi >>> 0;
	let lo = seedLo >>> 0;
	for (let i = 0; i < 8; i++) {
		// state = state * MUL + INC (mod 2^64)
		const [pHi, pLo] = mul32(lo, MUL_LO);
		const crossHi = (pHi + Math.imul(hi, MUL_LO) + Math.imul(lo, MUL_HI)) >>> 0;
		const sumLo = pLo + INC_LO;
		lo = sumLo >>> 0;
		hi = (crossHi + INC_HI + (sumLo >= TWO_32 ? 1 : 0)) >>> 0;
		// xorshifted = ((state >> 18) ^ state) >> 27, low 32 bits; rot = state >> 59
		const xHi = (hi ^ (hi >>> 18)) >>> 0;
		const xLo = (lo ^ ((lo >>> 18) | (hi << 14))) >>> 0;
		const xorshifted = ((xLo >>> 27) | (xHi << 5)) >>> 0;
		const rot = hi >>> 27;
		key[i] = ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
	}
	return key;
}

/** One ChaCha block with `rounds` rounds (12 for StdRng), counter as given, stream 0. */
export function chachaBlock(key: Uint32Array, counter: number, rounds = 12): Uint32Array {
	const c0 = 0x61707865, c1 = 0x3320646e, c2 = 0x79622d32, c3 = 0x6b206574;
	const k0 = key[0]!, k1 = key[1]!, k2 = key[2]!, k3 = key[3]!, k4 = key[4]!, k5 = key[5]!, k6 = key[6]!, k7 = key[7]!;
	const n0 = counter >>> 0;
	const n1 = Math.floor(counter / 4294967296) >>> 0;
	let x0 = c0, x1 = c1, x2 = c2, x3 = c3, x4 = k0, x5 = k1, x6 = k2, x7 = k3;
	let x8 = k4, x9 = k5, x10 = k6, x11 = k7, x12 = n0, x13 = n1, x14 = 0, x15 = 0;
	for (let i = 0; i < rounds; i += 2) {
		// column round
		x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
		x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
		x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
		x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);
		x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
		x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
		x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
		x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);
		x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
		x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
		x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
		x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);
		x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
		x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
		x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
		x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);
		// diagonal round
		x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
		x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
		x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
		x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);
		x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
		x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
		x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
		x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);
		x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
		x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
		x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
		x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);
		x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
		x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
		x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
		x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
	}
	const out = new Uint32Array(16);
	out[0] = x0 + c0; out[1] = x1 + c1; out[2] = x2 + c2; out[3] = x3 + c3;
	out[4] = x4 + k0; out[5] = x5 + k1; out[6] = x6 + k2; out[7] = x7 + k3;
	out[8] = x8 + k4; out[9] = x9 + k5; out[10] = x10 + k6; out[11] = x11 + k7;
	out[12] = x12 + n0; out[13] = x13 + n1; out[14] = x14; out[15] = x15;
	return out;
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

	/** The same generator from its start (the first block is shared, not recomputed). */
	clone(): StdRng {
		const copy = Object.create(StdRng.prototype) as StdRng;
		Object.assign(copy, {key: this.key, block: this.block, index: 0, counter: 0});
		if (this.counter !== 0) copy.block = chachaBlock(this.key, 0);
		return copy;
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

let lastSeed: bigint | null = null;
let lastRng: StdRng | null = null;
/** A fresh generator for a seed; the key derivation is cached for the latest seed (one answer uses it twice). */
export function rngForSeed(seed: bigint): StdRng {
	if (seed !== lastSeed || !lastRng) {
		lastSeed = seed;
		lastRng = StdRng.seedFromU64(seed);
	}
	return lastRng.clone();
}

/** The fuzz factor in [0, 1) Anki derives from a seed. */
export function fuzzFactorFromSeed(seed: bigint): number {
	return rngForSeed(seed).nextUnitF32();
}
