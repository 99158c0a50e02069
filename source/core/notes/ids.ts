// Note guids as Anki makes them (rslib notes/mod.rs base91_u64): a random u64 written in Anki's
// 91-character alphabet, most significant digit first, no padding.
import {randomBytes} from 'node:crypto';

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

export function base91(value: bigint): string {
	let n = value;
	let out = '';
	while (n > 0n) {
		out = BASE91[Number(n % 91n)]! + out;
		n /= 91n;
	}
	return out;
}

export function newGuid(random: () => bigint = () => randomBytes(8).readBigUInt64BE(0)): string {
	return base91(random());
}
