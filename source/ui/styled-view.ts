// Adapts the renderer's styled text (spans with colour tokens) to the UI's view lines and
// theme tokens. The renderer names meanings; the theme decides what they look like. The table is
// typed on both sides: a token the renderer emits that has no theme token here does not compile.
// (Their names are not one set: the renderer's `hint` and `good` mean other things than the
// theme's.)
import {isRenderToken, type RenderToken, type StyledText} from '../core/render/styled.js';
import type {Token} from './theme.js';
import type {ViewLine} from './view-types.js';

export const themeTokenFor: Record<RenderToken, Token> = {
	cloze: 'cloze',
	code: 'code',
	'code-keyword': 'code',
	'code-string': 'code',
	'code-comment': 'code',
	'code-number': 'code',
	'code-title': 'code',
	'code-type': 'code',
	'code-meta': 'code',
	link: 'link',
	separator: 'border',
	marker: 'accent',
	error: 'error',
	hint: 'muted',
	furigana: 'muted',
	math: 'code',
	'type-answer': 'accent',
	heading: 'title',
	good: 'typeGood',
	bad: 'typeBad',
	missing: 'typeMissing',
};

export function styledToView(styled: StyledText): ViewLine[] {
	return styled.map((line) =>
		line.map((span) => {
			const color = span.style.color;
			const token = color !== undefined && isRenderToken(color) ? themeTokenFor[color] : undefined;
			const isHex = color !== undefined && /^#[0-9a-f]{6}$/i.test(color);
			return {
				text: span.text,
				...(token ? {token} : {}),
				...(isHex ? {color} : {}),
				...(span.style.bold ? {bold: true} : {}),
				...(span.style.italic ? {italic: true} : {}),
				...(span.style.underline ? {underline: true} : {}),
				...(span.style.strike ? {strikethrough: true} : {}),
				...(span.style.dim ? {dim: true} : {}),
				...(span.slot ? {slot: span.slot} : {}),
			};
		}),
	);
}
