// Code blocks highlighted with cli-highlight; its theme hooks wrap each token in our style markers
// (instead of ANSI), so the UI's theme decides the colours.
import type {Theme} from 'cli-highlight';
import {lazyModule} from './lazy-module.js';
import {wrap} from './marks.js';
import type {RenderToken} from './styled.js';

const cliHighlight = lazyModule<typeof import('cli-highlight')>('cli-highlight');

const token = (name: RenderToken) => (part: string) => wrap(`c${name}`, part);

const THEME: Theme = {
	keyword: token('code-keyword'),
	built_in: token('code-type'),
	type: token('code-type'),
	literal: token('code-number'),
	number: token('code-number'),
	regexp: token('code-string'),
	string: token('code-string'),
	symbol: token('code-string'),
	class: token('code-title'),
	function: token('code-title'),
	title: token('code-title'),
	comment: token('code-comment'),
	doctag: token('code-comment'),
	meta: token('code-meta'),
	'meta-keyword': token('code-meta'),
	'meta-string': token('code-string'),
	tag: token('code-keyword'),
	name: token('code-keyword'),
	attr: token('code-type'),
	attribute: token('code-type'),
	'selector-tag': token('code-keyword'),
	'selector-id': token('code-title'),
	'selector-class': token('code-title'),
	addition: token('code-string'),
	deletion: token('code-keyword'),
	default: (part: string) => part,
};

/** The language named by a class such as `language-python`, `lang-js` or a bare `python`. */
export function languageFromClass(cls: string | null | undefined): string | undefined {
	if (!cls) return undefined;
	for (const name of cls.split(/\s+/)) {
		const m = /^(?:language|lang)-(.+)$/.exec(name);
		if (m && cliHighlight().supportsLanguage(m[1])) return m[1];
		if (name && cliHighlight().supportsLanguage(name)) return name;
	}
	return undefined;
}

/** Highlighted code as marked text (language detected when not given). */
export function highlightCode(code: string, language: string | undefined): string {
	let out: string;
	try {
		out = cliHighlight().highlight(code, {language, ignoreIllegals: true, theme: THEME});
	} catch {
		out = code;
	}
	return wrap('ccode', out);
}
