// Template errors and the messages Anki shows for them (ftl/core/card-template-rendering.ftl,
// rslib/src/template.rs). The message replaces the card on both sides.
import {escapeHtml} from '../entities.js';

export type TemplateError =
	| {kind: 'no-closing-brackets'; tag: string}
	| {kind: 'conditional-not-closed'; tag: string}
	| {kind: 'conditional-not-open'; closed: string; currentlyOpen?: string}
	| {kind: 'field-not-found'; field: string; filters: string}
	| {kind: 'no-such-conditional'; condition: string};

export class TemplateRenderError extends Error {
	constructor(readonly error: TemplateError) {
		super(templateErrorDetails(error));
	}
}

export const TEMPLATE_ERROR_LINK = 'https://docs.ankiweb.net/templates/errors.html#template-syntax-error';
export const TEMPLATE_BLANK_LINK = 'https://docs.ankiweb.net/templates/errors.html#front-of-card-is-blank';
export const TEMPLATE_BLANK_CLOZE_LINK = 'https://docs.ankiweb.net/templates/errors.html#no-cloze-filter-on-cloze-note-type';
export const MORE_INFO = 'More information';

export function templateErrorDetails(error: TemplateError): string {
	switch (error.kind) {
		case 'no-closing-brackets':
			return `Missing '}}' in '${error.tag}'`;
		case 'conditional-not-closed':
			return `Missing '{{/${error.tag}}}'`;
		case 'conditional-not-open':
			return error.currentlyOpen === undefined
				? `Found '{{/${error.closed}}}', but missing '{{#${error.closed}}}' or '{{^${error.closed}}}'`
				: `Found '{{/${error.closed}}}', but expected '{{/${error.currentlyOpen}}}'`;
		case 'field-not-found':
			return `Found '{{${error.filters}${error.field}}}', but there is no field called '${error.field}'`;
		case 'no-such-conditional':
			return `Found '{{${error.condition}}}', but there is no field called '${error.condition.slice(1)}'`;
	}
}

/** The HTML Anki puts in place of the card when a side's template is broken. */
export function templateErrorHtml(error: TemplateError, questionSide: boolean): string {
	const header = questionSide ? 'Front template has a problem:' : 'Back template has a problem:';
	return `${header}<br>${escapeHtml(templateErrorDetails(error))}<br><a href='${TEMPLATE_ERROR_LINK}'>${MORE_INFO}</a>`;
}

export const EMPTY_FRONT_TEXT = 'The front of this card is blank.';

export function missingClozeText(clozeNumber: number): string {
	return `No cloze ${clozeNumber} found on card. Please either add a cloze deletion, or use the Empty Cards tool.`;
}

export function emptyFrontHtml(): string {
	return `<div>${EMPTY_FRONT_TEXT}<br><a href='${TEMPLATE_BLANK_LINK}'>${MORE_INFO}</a></div>`;
}

export function missingClozeHtml(clozeNumber: number): string {
	return `<div>${missingClozeText(clozeNumber)}<br><a href='${TEMPLATE_BLANK_CLOZE_LINK}'>${MORE_INFO}</a></div>`;
}
