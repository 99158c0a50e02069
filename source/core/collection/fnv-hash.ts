// Anki's `fnvhash` SQL function (rslib storage/sqlite.rs), used by the "due date, then random"
// review order: FNV-1a 64 over the little-endian bytes of each argument.

const TWO_32 = 4294967296;

function halves(value: number | bigint): [number, number] {
	if (typeof value === 'number' && value >= 0 && Number.isSafeInteger(value)) {
		return [value % TWO_32, Math.floor(value / TWO_32)];
	}
	const v = BigInt.asUintN(64, BigInt(value));
	return [Number(v & 0xffffffffn), Number(v >> 32n)];
}

/** FNV-1a 64 in two 32-bit halves (prime 2^40 + 0x1b3), so no BigInt per byte. */
export function fnvHash(...values: Array<number | bigint>): bigint {
	let lo = 0x84222325;
	let hi = 0xcbf29ce4;
	for (const value of values) {
		let [vlo, vhi] = halves(value);
		for (let i = 0; i < 8; i++) {
			const byte = i < 4 ? (vlo >>> (8 * i)) & 0xff : (vhi >>> (8 * (i - 4))) & 0xff;
			lo = (lo ^ byte) >>> 0;
			const a = lo * 0x1b3;
			const carry = Math.floor(a / TWO_32);
			hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
			lo = a >>> 0;
		}
		vlo = 0;
		vhi = 0;
	}
	return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}
