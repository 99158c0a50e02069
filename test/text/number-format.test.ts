// formatNumber against Intl.NumberFormat('en') itself, which it stands in for (see its header).
import {describe, expect, it} from 'vitest';
import {formatNumber, groupedCount} from '../../source/core/text/number-format.js';

/** A deterministic spread of doubles: every magnitude, decimal halves, binary fractions, noise. */
function samples(): number[] {
	const values = [0, -0, 0.5, 1.005, 2.675, 0.125, 0.005, 0.0049, 0.995, 9.995, 99.995, 999.995, 999999.995, 123456789.995, 1e-7, 1.5e-7, 5e-7, 1e21, 1.2345e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1234.5, 1000, 999, 100000, 1234567, 0.05, 0.45, 0.55, 0.15, 1.45, 4.35, 1 / 3, 2 / 3, NaN, Infinity, -Infinity];
	let seed = 12345;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
	for (let i = 0; i < 4000; i++) {
		const exponent = Math.floor(random() * 30) - 10;
		values.push(random() * 10 ** exponent);
		values.push(Math.round(random() * 1e6) / 1000); // three decimals: halves at the second
		values.push(Math.round(random() * 1e5) / 200); // x.xx5 steps
		values.push(Math.floor(random() * 2 ** 31) / 8);
	}
	return [...values, ...values.map((v) => -v)];
}

describe('formatNumber writes what Intl.NumberFormat("en") writes', () => {
	for (const [min, max] of [[0, 2], [1, 1], [0, 3], [0, 0], [2, 2], [0, 1]] as const) {
		it(`with ${min} to ${max} decimals, over ${samples().length.toLocaleString('en')} values`, () => {
			const intl = new Intl.NumberFormat('en', {minimumFractionDigits: min, maximumFractionDigits: max});
			const wrong = samples()
				.map((value) => ({value, want: intl.format(value), got: formatNumber(value, {min, max})}))
				.filter(({want, got}) => want !== got);
			expect(wrong.slice(0, 5)).toEqual([]);
		});
	}

	it('rounds half away from zero on the shortest decimal, as ICU does', () => {
		expect(formatNumber(2.675, {max: 2})).toBe('2.68');
		expect(formatNumber(-0.125, {max: 2})).toBe('-0.13');
		expect(formatNumber(999.995, {max: 2})).toBe('1,000');
		expect(formatNumber(-0.001, {max: 2})).toBe('-0');
		expect(formatNumber(85, {min: 1, max: 1})).toBe('85.0');
	});

	it('groups counts as toLocaleString("en") does', () => {
		for (const n of [0, 7, 999, 1000, 12345, 100000, 1234567, 2 ** 40]) expect(groupedCount(n)).toBe(n.toLocaleString('en'));
	});
});
