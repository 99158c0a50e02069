// Numbers as `new Intl.NumberFormat('en', {minimumFractionDigits, maximumFractionDigits}).format()`
// writes them, without Intl: its first use loads ICU's number data, about 30 ms on a 2-core VM, which
// was most of what the statistics screen's first page of numbers cost beyond computing them (and a
// browser count's first toLocaleString paid it too). The same steps ICU takes: the shortest decimal
// that reads back as the double, rounded half away from zero, grouped by threes with commas.

export interface FractionDigits {
	/** Decimals always shown (default 0). */
	min?: number;
	/** Decimals at most: the value is rounded there. */
	max: number;
}

/** The decimal digits of a finite, non-negative number (no leading zeros) and where its point goes. */
function decimalDigits(value: number): {digits: string; point: number} {
	// Shortest round-trip form, e.g. "0.005", "1.5e-7", "1e+21".
	const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value))!;
	const whole = match[1]!;
	let digits = whole + (match[2] ?? '');
	let point = whole.length + Number(match[3] ?? 0);
	const leadingZeros = /^0*/.exec(digits)![0].length;
	digits = digits.slice(leadingZeros);
	point -= leadingZeros;
	return {digits, point};
}

/** `digits` rounded to `keep` digits, half away from zero, carrying into a new leading digit. */
function roundDigits(digits: string, point: number, keep: number): {digits: string; point: number} {
	if (keep >= digits.length) return {digits, point};
	if (keep < 0) return {digits: '', point};
	const up = digits.charCodeAt(keep) >= 53; // '5'
	let kept = digits.slice(0, keep);
	if (!up) return {digits: kept, point};
	let i = kept.length - 1;
	while (i >= 0 && kept[i] === '9') i--;
	if (i < 0) return {digits: '1', point: point + 1};
	kept = `${kept.slice(0, i)}${String.fromCharCode(kept.charCodeAt(i) + 1)}`;
	return {digits: kept, point};
}

/** `value` as Intl.NumberFormat('en') writes it with these fraction digits. */
export function formatNumber(value: number, fraction: FractionDigits): string {
	if (Number.isNaN(value)) return 'NaN';
	const negative = value < 0 || Object.is(value, -0);
	const sign = negative ? '-' : '';
	if (!Number.isFinite(value)) return `${sign}∞`;
	const min = fraction.min ?? 0;
	const exact = decimalDigits(Math.abs(value));
	const {digits, point} = roundDigits(exact.digits, exact.point, exact.point + fraction.max);
	const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
	let decimals = point >= 0 ? digits.slice(point) : `${'0'.repeat(-point)}${digits}`;
	decimals = decimals.replace(/0+$/, '');
	if (decimals.length < min) decimals = decimals.padEnd(min, '0');
	return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${decimals ? `.${decimals}` : ''}`;
}

/** A count as `n.toLocaleString('en')` writes it: 12,345. */
export function groupedCount(n: number): string {
	return formatNumber(n, {max: 3});
}
