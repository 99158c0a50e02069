// Adapts the renderer's styled text (spans with colour tokens) to the UI's view lines and
// theme tokens. The renderer names meanings; the theme decides what they look like.
import type {StyledText} from '../core/render/styled.js';
import type {ViewLine} from './view-types.js';

const tokenFor: Record<string, string> = {
	cloze: 'cloze',
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
			const isHex = color !== undefined && /^#[0-9a-f]{6}$/i.test(color);
			const token = color === undefined || isHex ? undefined : (tokenFor[color] ?? (color.startsWith('code') ? 'code' : undefined));
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
