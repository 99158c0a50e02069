// The renderer's colour tokens are typed against the UI's themes: every token the renderer emits
// maps to a token every theme styles, and a token outside that set does not compile (each line
// marked as an expected type error below fails `tsc --noEmit`, part of `npm test`, if it compiles).
import {describe, expect, it} from 'vitest';
import {wrap} from '../../source/core/render/marks.js';
import {RENDER_TOKENS, toAnsi, type StyledSpan} from '../../source/core/render/styled.js';
import {themeTokenFor} from '../../source/ui/styled-view.js';
import {themes, tokenNames} from '../../source/ui/theme.js';

describe('colour tokens', () => {
	it('every token the renderer emits has a theme token, styled by every theme, and an ANSI colour', () => {
		for (const token of RENDER_TOKENS) {
			expect(tokenNames).toContain(themeTokenFor[token]);
			for (const theme of Object.values(themes)) expect(theme.tokens[themeTokenFor[token]], `${theme.name} ${token}`).toBeDefined();
			expect(toAnsi([[{text: 'x', style: {color: token}}]], {color: true}), token).toMatch(/^\u001b\[[0-9;]+mx\u001b\[0m$/);
		}
		expect(Object.keys(themeTokenFor).sort()).toEqual([...RENDER_TOKENS].sort());
	});

	it('a token the themes lack does not compile', () => {
		// Never run: what matters is that each line below is a type error.
		const compileOnly = () => {
			// @ts-expect-error the renderer cannot mark text with a colour token no theme knows
			wrap('cnope', 'x');
			// @ts-expect-error nor can a span carry one
			const span: StyledSpan = {text: 'x', style: {color: 'nope'}};
			// @ts-expect-error the UI's table must map every render token
			const partial: typeof themeTokenFor = {cloze: 'cloze'};
			// @ts-expect-error to a token the themes have
			const unknown: typeof themeTokenFor = {...themeTokenFor, cloze: 'nope'};
			return [span, partial, unknown];
		};
		expect(typeof compileOnly).toBe('function');
		// A card's own colour is still allowed.
		expect(wrap('c#ff0000', 'x')).toContain('c#ff0000');
	});
});
