// Anki's stock notetypes as a fresh collection gets them (rslib/src/notetype/stock.rs, English names),
// as domain objects plus their schema-11 JSON (the shape current Anki writes when it downgrades).
import type {Notetype, NotetypeField, NotetypeTemplate} from '../model.js';

export const stockCss = `.card {
    font-family: arial;
    font-size: 20px;
    text-align: center;
    color: black;
    background-color: white;
}
`;

// Cloze adds its highlight rules to the shared card style (Notetype::new_cloze_config).
export const stockClozeCss = `${stockCss}.cloze {
    font-weight: bold;
    color: blue;
}
.nightMode .cloze {
    color: lightblue;
}
`;

export const stockLatexPre = String.raw`\documentclass[12pt]{article}
\special{papersize=3in,5in}
\usepackage[utf8]{inputenc}
\usepackage{amssymb,amsmath}
\pagestyle{empty}
\setlength{\parindent}{0in}
\begin{document}
`;

export const stockLatexPost = String.raw`\end{document}`;

/** A 64-bit id source for field/template ids (Anki draws them at random). */
export type IdSource = () => bigint;

/** Card requirement cache entries Anki still writes for old clients: [card ord, kind, field ords]. */
export type LegacyRequirement = [number, 'any' | 'all' | 'none', number[]];

export interface StockNotetype {
	notetype: Notetype;
	/** Kept only for the schema-11 `req` key. */
	requirements: LegacyRequirement[];
}

function field(name: string, ord: number, id: bigint, extra: Record<string, unknown> = {}): NotetypeField {
	return {
		name,
		ord,
		extra: {
			sticky: false,
			rtl: false,
			font: 'Arial',
			size: 20,
			description: '',
			plainText: false,
			collapsed: false,
			excludeFromSearch: false,
			id: id.toString(),
			tag: null,
			preventDeletion: false,
			...extra,
		},
	};
}

function template(name: string, ord: number, qfmt: string, afmt: string, id: bigint): NotetypeTemplate {
	return {
		name,
		ord,
		qfmt,
		afmt,
		targetDeckId: 0,
		extra: {bqfmt: '', bafmt: '', bfont: '', bsize: 0, id: id.toString()},
	};
}

const basicBack = '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}';
const reverseBack = '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}';

function base(id: number, name: string, kind: Notetype['kind'], stockKind: number): Notetype {
	return {
		id,
		name,
		kind,
		fields: [],
		templates: [],
		css: kind === 'cloze' ? stockClozeCss : stockCss,
		sortFieldIndex: 0,
		latexPre: stockLatexPre,
		latexPost: stockLatexPost,
		latexSvg: false,
		// A fresh collection's stock notetypes carry mtime 0 and usn 0 (seen in files desktop Anki created).
		mtimeSecs: 0,
		usn: 0,
		originalStockKind: stockKind,
	};
}

/**
 * The five classic stock notetypes, ids `firstId`, `firstId+1`, ... (Anki numbers them from the
 * creation time in ms). Image Occlusion (added in Anki 23.10) is left out: its template is a web
 * app that a terminal cannot run, and collections without it are what Anki 2.1.x created.
 */
export function stockNotetypes(firstId: number, nextId: IdSource): StockNotetype[] {
	const basic = base(firstId, 'Basic', 'standard', 1);
	basic.fields = [field('Front', 0, nextId()), field('Back', 1, nextId())];
	basic.templates = [template('Card 1', 0, '{{Front}}', basicBack, nextId())];

	const reversed = base(firstId + 1, 'Basic (and reversed card)', 'standard', 2);
	reversed.fields = [field('Front', 0, nextId()), field('Back', 1, nextId())];
	reversed.templates = [
		template('Card 1', 0, '{{Front}}', basicBack, nextId()),
		template('Card 2', 1, '{{Back}}', reverseBack, nextId()),
	];

	const optional = base(firstId + 2, 'Basic (optional reversed card)', 'standard', 3);
	optional.fields = [field('Front', 0, nextId()), field('Back', 1, nextId()), field('Add Reverse', 2, nextId())];
	optional.templates = [
		template('Card 1', 0, '{{Front}}', basicBack, nextId()),
		template('Card 2', 1, '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', reverseBack, nextId()),
	];

	const typing = base(firstId + 3, 'Basic (type in the answer)', 'standard', 4);
	typing.fields = [field('Front', 0, nextId()), field('Back', 1, nextId())];
	typing.templates = [
		template(
			'Card 1',
			0,
			'{{Front}}\n\n{{type:Back}}',
			'{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}',
			nextId(),
		),
	];

	const cloze = base(firstId + 4, 'Cloze', 'cloze', 5);
	// Field tags mark the cloze roles (ClozeField::Text = 0, BackExtra = 1); Text cannot be deleted.
	cloze.fields = [
		field('Text', 0, nextId(), {tag: 0, preventDeletion: true}),
		field('Back Extra', 1, nextId(), {tag: 1}),
	];
	cloze.templates = [template('Cloze', 0, '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}', nextId())];

	return [
		{notetype: basic, requirements: [[0, 'any', [0]]]},
		{notetype: reversed, requirements: [[0, 'any', [0]], [1, 'any', [1]]]},
		{notetype: optional, requirements: [[0, 'any', [0]], [1, 'all', [1, 2]]]},
		{notetype: typing, requirements: [[0, 'any', [0, 1]]]},
		{notetype: cloze, requirements: [[0, 'any', [0]]]},
	];
}

/** Schema-11 JSON of a notetype, keys in the order Anki's serializer writes them. */
export function notetypeToSchema11(nt: Notetype, requirements: LegacyRequirement[] = []): Record<string, unknown> {
	const json: Record<string, unknown> = {
		id: nt.id,
		name: nt.name,
		type: nt.kind === 'cloze' ? 1 : 0,
		mod: nt.mtimeSecs,
		usn: nt.usn,
		sortf: nt.sortFieldIndex,
		did: null,
		tmpls: nt.templates.map(t => {
			const {bqfmt = '', bafmt = '', bfont = '', bsize = 0, id = null, ...rest} = t.extra ?? {};
			return {
				name: t.name,
				ord: t.ord,
				qfmt: t.qfmt,
				afmt: t.afmt,
				bqfmt,
				bafmt,
				did: t.targetDeckId > 0 ? t.targetDeckId : null,
				bfont,
				bsize,
				id: jsonId(id),
				...rest,
			};
		}),
		flds: nt.fields.map(f => {
			const extra = {...f.extra};
			if ('id' in extra) extra.id = jsonId(extra.id);
			return {name: f.name, ord: f.ord, ...extra};
		}),
		css: nt.css,
		latexPre: nt.latexPre,
		latexPost: nt.latexPost,
		latexsvg: nt.latexSvg,
		req: nt.kind === 'cloze' ? [[0, 'any', [0]]] : requirements,
	};
	if (nt.originalStockKind) json.originalStockKind = nt.originalStockKind;
	return json;
}

// 64-bit ids travel as decimal strings in domain `extra` (JSON numbers lose precision past 2^53);
// they are spliced back as bare numbers by stringifySchema11().
function jsonId(id: unknown): unknown {
	if (id === null || id === undefined) return null;
	return new RawJsonNumber(String(id));
}

/** A number that must be written to JSON verbatim (64-bit ids). */
export class RawJsonNumber {
	constructor(readonly digits: string) {}
}

/** JSON.stringify that writes RawJsonNumber values as bare integers. */
export function stringifySchema11(value: unknown): string {
	const marks: string[] = [];
	const text = JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof RawJsonNumber) {
			marks.push(v.digits);
			return `\u0000raw${marks.length - 1}\u0000`;
		}
		return v;
	});
	return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]);
}
