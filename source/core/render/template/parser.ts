// Builds the node tree from tokens; mismatched or unclosed sections are errors, as in Anki.
import {tokenize} from './lexer.js';
import {TemplateRenderError} from './errors.js';

export type TemplateNode =
	| {kind: 'text'; text: string}
	| {kind: 'comment'; text: string}
	/** filters are in application order (right to left as written). */
	| {kind: 'replacement'; key: string; filters: string[]}
	| {kind: 'conditional'; key: string; negated: boolean; children: TemplateNode[]};

export type ParsedTemplate = TemplateNode[];

export function parseTemplate(template: string): ParsedTemplate {
	const tokens = tokenize(template);
	let index = 0;

	function parseInner(openTag: string | undefined): TemplateNode[] {
		const nodes: TemplateNode[] = [];
		while (index < tokens.length) {
			const token = tokens[index++];
			switch (token.kind) {
				case 'text':
				case 'comment':
					nodes.push({kind: token.kind, text: token.text});
					break;
				case 'replacement': {
					// `{{a:b:Field}}` → key "Field", filters b then a; segments are not trimmed.
					const parts = token.key.split(':');
					const key = parts.pop()!;
					nodes.push({kind: 'replacement', key, filters: parts.reverse()});
					break;
				}
				case 'open':
				case 'open-negated': {
					const children = parseInner(token.key);
					nodes.push({kind: 'conditional', key: token.key, negated: token.kind === 'open-negated', children});
					break;
				}
				case 'close':
					if (openTag !== undefined && openTag === token.key) return nodes;
					throw new TemplateRenderError({kind: 'conditional-not-open', closed: token.key, currentlyOpen: openTag});
			}
		}
		if (openTag !== undefined) throw new TemplateRenderError({kind: 'conditional-not-closed', tag: openTag});
		return nodes;
	}

	return parseInner(undefined);
}

const cache = new Map<string, ParsedTemplate | TemplateRenderError>();

/** Templates repeat for every card of a notetype: parse each text once. */
export function parseTemplateCached(template: string): ParsedTemplate {
	let parsed = cache.get(template);
	if (parsed === undefined) {
		try {
			parsed = parseTemplate(template);
		} catch (error) {
			if (!(error instanceof TemplateRenderError)) throw error;
			parsed = error;
		}
		if (cache.size > 500) cache.clear();
		cache.set(template, parsed);
	}
	if (parsed instanceof TemplateRenderError) throw parsed;
	return parsed;
}
