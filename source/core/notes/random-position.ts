// The new-card position Anki picks for a deck whose options insert new cards in random order
// (rslib cardgen.rs random_position): rand's StdRng (ChaCha12) seeded from the next position, then
// a number in [1, max(next, 1000)). Reproduced here so positions match Anki's own.
const MASK64 = (1n << 64n) - 1n;

/** rand_core's seed_from_u64: PCG32 fills the 32-byte seed. */
function seedFromU64(value: number): Uint32Array {
	let state = BigInt(value) & MASK64;
	const seed = new Uint32Array(8);
	for (let i = 0; i < 8; i++) {
		state = (state * 6364136223846793005n + 11634580027462260723n) & MASK64;
		const xorshifted = Number((((state >> 18n) ^ state) >> 27n) & 0xffffffffn);
		const rot = Number(state >> 59n);
		seed[i] = ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
	}
	return seed;
}

function quarter(x: Uint32Array, a: number, b: number, c: number, d: number): void {
	const rotl = (v: number, n: number) => ((v << n) | (v >>> (32 - n))) >>> 0;
	x[a] = (x[a]! + x[b]!) >>> 0;
	x[d] = rotl(x[d]! ^ x[a]!, 16);
	x[c] = (x[c]! + x[d]!) >>> 0;
	x[b] = rotl(x[b]! ^ x[c]!, 12);
	x[a] = (x[a]! + x[b]!) >>> 0;
	x[d] = rotl(x[d]! ^ x[a]!, 8);
	x[c] = (x[c]! + x[d]!) >>> 0;
	x[b] = rotl(x[b]! ^ x[c]!, 7);
}

/** ChaCha with 12 rounds, a 64-bit block counter and stream 0, read as u32 words in order. */
class ChaCha12 {
	private readonly state = new Uint32Array(16);
	private block = new Uint32Array(16);
	private index = 16;

	constructor(key: Uint32Array) {
		this.state.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
		this.state.set(key, 4);
	}

	nextU32(): number {
		if (this.index === 16) this.refill();
		return this.block[this.index++]!;
	}

	private refill(): void {
		const x = this.state.slice();
		for (let round = 0; round < 6; round++) {
			quarter(x, 0, 4, 8, 12);
			quarter(x, 1, 5, 9, 13);
			quarter(x, 2, 6, 10, 14);
			quarter(x, 3, 7, 11, 15);
			quarter(x, 0, 5, 10, 15);
			quarter(x, 1, 6, 11, 12);
			quarter(x, 2, 7, 8, 13);
			quarter(x, 3, 4, 9, 14);
		}
		for (let i = 0; i < 16; i++) x[i] = (x[i]! + this.state[i]!) >>> 0;
		this.block = x;
		this.index = 0;
		// 64-bit block counter in words 12 and 13
		this.state[12] = (this.state[12]! + 1) >>> 0;
		if (this.state[12] === 0) this.state[13] = (this.state[13]! + 1) >>> 0;
	}
}

/** rand 0.9's single-sample u32 range (Canon's method): low + the high word of a 64-bit product. */
function sampleRange(rng: ChaCha12, low: number, highExclusive: number): number {
	const range = BigInt(highExclusive - low);
	const product = BigInt(rng.nextU32()) * range;
	let result = product >> 32n;
	const lowOrder = product & 0xffffffffn;
	if (lowOrder > ((1n << 32n) - range)) {
		const extra = (BigInt(rng.nextU32()) * range) >> 32n;
		if (lowOrder + extra > 0xffffffffn) result += 1n;
	}
	return low + Number(result);
}

export function randomNewPosition(nextPosition: number): number {
	const rng = new ChaCha12(seedFromU64(nextPosition));
	return sampleRange(rng, 1, Math.max(nextPosition, 1000));
}
