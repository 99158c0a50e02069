// Anki's furigana filters: `漢字[かんじ]` (a run without spaces or `>`, then a bracketed reading).
// The optional leading space is consumed, so `日本[にほん] 語[ご]` joins up; `[sound:…]` is left alone.
const FURIGANA = / ?([^ >]+?)\[(.+?)\]/g;

function replaceReadings(text: string, render: (base: string, reading: string) => string): string {
	if (!text.includes('[')) return text;
	const spaced = text.replace(/&nbsp;/g, ' ');
	// Nothing after the last `]` can match; leaving it out keeps the lazy pattern from rescanning
	// the tail for every `[` (JS regexes backtrack where Anki's Rust engine does not).
	const end = spaced.lastIndexOf(']') + 1;
	const head = spaced.slice(0, end).replace(FURIGANA, (whole: string, base: string, reading: string) =>
		reading.startsWith('sound:') ? whole : render(base, reading),
	);
	return head + spaced.slice(end);
}

export function furiganaFilter(text: string): string {
	return replaceReadings(text, (base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
}

export function kanjiFilter(text: string): string {
	return replaceReadings(text, (base) => base);
}

export function kanaFilter(text: string): string {
	return replaceReadings(text, (_base, reading) => reading);
}
