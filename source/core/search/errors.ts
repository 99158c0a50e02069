// Anki's messages for searches it cannot parse (rslib error/search.rs SearchErrorKind::message with
// the English ftl/core/search.ftl texts). Backticks are kept: Anki shows that text as code, and in a
// terminal they mark it just as well.
import {SearchError} from '../errors.js';

export type SearchErrorKind =
	| {kind: 'MisplacedAnd'}
	| {kind: 'MisplacedOr'}
	| {kind: 'EmptyGroup'}
	| {kind: 'UnopenedGroup'}
	| {kind: 'UnclosedGroup'}
	| {kind: 'EmptyQuote'}
	| {kind: 'UnclosedQuote'}
	| {kind: 'MissingKey'}
	| {kind: 'UnknownEscape'; provided: string}
	| {kind: 'InvalidState'; provided: string}
	| {kind: 'InvalidFlag'}
	| {kind: 'InvalidPropProperty'; provided: string}
	| {kind: 'InvalidPropOperator'; provided: string}
	| {kind: 'InvalidNumber'; context: string; provided: string}
	| {kind: 'InvalidWholeNumber'; context: string; provided: string}
	| {kind: 'InvalidPositiveWholeNumber'; context: string; provided: string}
	| {kind: 'InvalidNegativeWholeNumber'; context: string; provided: string}
	| {kind: 'InvalidAnswerButton'; context: string; provided: string}
	| {kind: 'Other'; info?: string}
	/** Not a parse error in Anki but a failure when the regex is compiled (AnkiError::InvalidRegex). */
	| {kind: 'InvalidRegex'; info: string};

const tick = (text: string) => text.replace(/`/g, "'");

function reason(error: SearchErrorKind): string {
	switch (error.kind) {
		case 'MisplacedAnd':
			return 'an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.';
		case 'MisplacedOr':
			return 'an `or` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"or"`.';
		case 'EmptyGroup':
			return 'a group `(...)` was found, but there was nothing between the brackets to search for. If you want to search for literal brackets, wrap them in double quotes: `"( )"`.';
		case 'UnopenedGroup':
			return 'a closing bracket `)` was found, but there was no opening bracket `(` preceding it. If you want to search for a literal `)`, wrap it in double quotes or prepend a backslash: `")"` or `\\)`.';
		case 'UnclosedGroup':
			return 'an opening bracket `(` was found, but there was no closing bracket `)` following it. If you want to search for a literal `(`, wrap it in double quotes or prepend a backslash: `"("` or `\\(` .';
		case 'EmptyQuote':
			return 'a pair of double quotes `""` was found, but there was nothing between them to search for. If you want to search for literal double quotes, prepend backslashes: `\\"\\"`.';
		case 'UnclosedQuote':
			return 'an opening double quote `"` was found, but there was no second one to close it. If you want to search for a literal `"`, prepend a backslash: `\\"`.';
		case 'MissingKey':
			return 'a colon `:` was found, but there was no keyword preceding it. If you want to search for a literal `:`, prepend a backslash: `\\:`.';
		case 'UnknownEscape':
			return `the escape sequence \`${tick(error.provided)}\` is not defined. If you want to search for a literal backslash \`\\\`, prepend another one: \`\\\\\`.`;
		case 'InvalidState':
			return `\`is:\` was given an invalid argument '\`${tick(error.provided)}\`'.`;
		case 'InvalidFlag':
			return '`flag:` must be followed by a valid flag number: `1` (red), `2` (orange), `3` (green), `4` (blue), `5` (pink), `6` (turquoise), `7` (purple) or `0` (no flag).';
		case 'InvalidPropProperty':
			return `\`prop:\` was given an invalid argument '\`${tick(error.provided)}\`'.`;
		case 'InvalidPropOperator':
			return `\`prop:${error.provided}\` must be followed by one of the following comparison operators: \`=\`, \`!=\`, \`<\`, \`>\`, \`<=\` or \`>=\`.`;
		case 'InvalidNumber':
			return `expected a number in "\`${tick(error.context)}\`", but found "\`${tick(error.provided)}\`".`;
		case 'InvalidWholeNumber':
			return `expected a whole number in "\`${tick(error.context)}\`", but found "\`${tick(error.provided)}\`".`;
		case 'InvalidPositiveWholeNumber':
			return `expected a positive whole number in "\`${tick(error.context)}\`", but found "\`${tick(error.provided)}\`".`;
		case 'InvalidNegativeWholeNumber':
			return `expected a whole number less than or equal to 0 in "\`${tick(error.context)}\`", but found "\`${tick(error.provided)}\`".`;
		case 'InvalidAnswerButton':
			return `expected an answer button between 1-4 in "\`${tick(error.context)}\`", but found "\`${tick(error.provided)}\`".`;
		case 'Other':
			return error.info ?? 'please check for typing mistakes.';
		case 'InvalidRegex':
			return error.info;
	}
}

export function searchErrorMessage(error: SearchErrorKind): string {
	if (error.kind === 'InvalidRegex') return `Invalid regex: ${error.info}`;
	return `Invalid search: ${reason(error)}`;
}

export function searchError(error: SearchErrorKind): SearchError {
	return new SearchError(error.kind, searchErrorMessage(error));
}
