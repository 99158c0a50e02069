// Renders a parsed template against a field map, with Anki's rules: FrontSide is the rendered
// question (empty on the question), unknown fields and conditionals are errors, children of a false
// section are still checked.
import {applyFilters} from '../filters.js';
import {TemplateRenderError} from './errors.js';
import type {ParsedTemplate, TemplateNode} from './parser.js';

export interface RenderContext {
	fields: Map<string, string>;
	nonEmpty: Set<string>;
	cardOrd: number;
	/** undefined while rendering the question. */
	frontSide: string | undefined;
}

function isClozeConditional(key: string): boolean {
	return /^c\d+$/.test(key) && Number(key.slice(1)) <= 0xffffffff;
}

function evaluateConditional(key: string, negated: boolean, context: RenderContext): boolean {
	if (context.nonEmpty.has(key)) return !negated;
	if (context.fields.has(key) || isClozeConditional(key)) return negated;
	throw new TemplateRenderError({kind: 'no-such-conditional', condition: `${negated ? '^' : '#'}${key}`});
}

function renderInto(out: string[], nodes: TemplateNode[], context: RenderContext): void {
	for (const node of nodes) {
		switch (node.kind) {
			case 'text':
				out.push(node.text);
				break;
			case 'comment':
				out.push('<!--', node.text, '-->');
				break;
			case 'replacement': {
				if (node.key === 'FrontSide') {
					out.push(context.frontSide ?? '');
					break;
				}
				if (node.key === '' && node.filters.length > 0) break;
				const value = context.fields.get(node.key);
				if (value === undefined) {
					const filters = [...node.filters].reverse().map((f) => `${f}:`).join('');
					throw new TemplateRenderError({kind: 'field-not-found', field: node.key, filters});
				}
				out.push(
					applyFilters(value, node.filters, node.key, {cardOrd: context.cardOrd, questionSide: context.frontSide === undefined}),
				);
				break;
			}
			case 'conditional':
				if (evaluateConditional(node.key, node.negated, context)) renderInto(out, node.children, context);
				else renderInto([], node.children, context);
				break;
		}
	}
}

export function renderTemplate(template: ParsedTemplate, context: RenderContext): string {
	const out: string[] = [];
	renderInto(out, template, context);
	return out.join('');
}

/** True when at least one non-empty field reference would render (Anki's renders_with_fields). */
export function rendersWithFields(nodes: ParsedTemplate, nonEmpty: Set<string>): boolean {
	return !templateIsEmpty(nodes, nonEmpty);
}

function templateIsEmpty(nodes: TemplateNode[], nonEmpty: Set<string>): boolean {
	for (const node of nodes) {
		if (node.kind === 'replacement') {
			if (nonEmpty.has(node.key)) return false;
		} else if (node.kind === 'conditional') {
			if (node.negated ? nonEmpty.has(node.key) : !nonEmpty.has(node.key)) continue;
			if (!templateIsEmpty(node.children, nonEmpty)) return false;
		}
	}
	return true;
}
