// Small builders for unit tests: a notetype, note and card in the project's domain shapes.
import type {Card, Note, Notetype} from '../../source/core/model.js';
import {renderCard, type RenderedCard} from '../../source/core/render/index.js';
import {toPlainText} from '../../source/core/render/styled.js';

export function makeNotetype(
	fields: string[],
	templates: Array<{qfmt: string; afmt: string; name?: string}>,
	kind: 'standard' | 'cloze' = 'standard',
	name = 'Test type',
): Notetype {
	return {
		id: 1, name, kind,
		fields: fields.map((f, ord) => ({name: f, ord})),
		templates: templates.map((t, ord) => ({name: t.name ?? `Card ${ord + 1}`, ord, qfmt: t.qfmt, afmt: t.afmt, targetDeckId: 0})),
		css: '', sortFieldIndex: 0, latexPre: '', latexPost: '', latexSvg: false, mtimeSecs: 0, usn: 0, originalStockKind: 0,
	};
}

export function makeNote(fields: string[], tags: string[] = []): Note {
	return {id: 10, guid: 'g', mid: 1, mod: 0, usn: 0, tags, fields, sfld: fields[0] ?? '', csum: 0, flags: 0, data: ''};
}

export function makeCard(ord = 0, extra: Partial<Card> = {}): Card {
	return {
		id: 100, nid: 10, did: 1, ord, mod: 0, usn: 0, type: 0, queue: 0, due: 0, ivl: 0, factor: 0, reps: 0, lapses: 0,
		left: 0, odue: 0, odid: 0, flags: 0, data: '', ...extra,
	};
}

/** Renders one card from a front/back template pair and field values. */
export function render(
	qfmt: string,
	afmt: string,
	fields: Record<string, string>,
	options: {ord?: number; kind?: 'standard' | 'cloze'; tags?: string[]; deckName?: string; card?: Partial<Card>; mediaExists?: (name: string) => boolean} = {},
): RenderedCard & {q: string; a: string} {
	const names = Object.keys(fields);
	const notetype = makeNotetype(names, [{qfmt, afmt}], options.kind ?? 'standard');
	const result = renderCard({
		note: makeNote(Object.values(fields), options.tags ?? []),
		notetype,
		card: makeCard(options.ord ?? 0, options.card),
		deckName: options.deckName ?? 'Default',
		mediaExists: options.mediaExists,
	});
	return {...result, q: toPlainText(result.question), a: toPlainText(result.answer)};
}
