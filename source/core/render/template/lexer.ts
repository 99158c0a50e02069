// Splits a card template into text, comments and handlebar tags, as Anki's template.rs does:
// a tag is `{{…}}` (or `<%…%>` when the template starts with `{{=<% %>=}}`), HTML comments are
// copied through untouched, and anything that is not a complete tag (a lone `{{` or `}}`) is text.

export type Token =
	| {kind: 'text'; text: string}
	| {kind: 'comment'; text: string}
	| {kind: 'replacement'; key: string}
	| {kind: 'open'; key: string}
	| {kind: 'open-negated'; key: string}
	| {kind: 'close'; key: string};

const ALT_DIRECTIVE = '{{=<% %>=}}';
const COMMENT_START = '<!--';
const COMMENT_END = '-->';

function classify(inner: string): Token {
	// Extra leading `{` (as in `{{{Field}}}`) are dropped, then the text is trimmed.
	const start = inner.replace(/^\{+/, '').trim();
	if (start.length < 2) return {kind: 'replacement', key: start};
	const first = start[0];
	const rest = start.slice(1).trimStart();
	if (first === '#') return {kind: 'open', key: rest};
	if (first === '/') return {kind: 'close', key: rest};
	if (first === '^') return {kind: 'open-negated', key: rest};
	return {kind: 'replacement', key: start};
}

export function tokenize(template: string): Token[] {
	let open = '{{';
	let close = '}}';
	let input = template;
	const trimmed = template.trimStart();
	if (trimmed.startsWith(ALT_DIRECTIVE)) {
		open = '<%';
		close = '%>';
		input = trimmed;
		while (input.startsWith(ALT_DIRECTIVE)) input = input.slice(ALT_DIRECTIVE.length);
	}

	const tokens: Token[] = [];
	let textStart = 0;
	let pos = 0;
	while (pos < input.length) {
		const nextTag = input.indexOf(open, pos);
		const nextComment = input.indexOf(COMMENT_START, pos);
		if (nextTag === -1 && nextComment === -1) break;
		// Earliest candidate first; a candidate that does not complete is skipped as text.
		const useTag = nextTag !== -1 && (nextComment === -1 || nextTag <= nextComment);
		const at = useTag ? nextTag : nextComment;
		if (useTag) {
			const end = input.indexOf(close, at + open.length);
			if (end === -1) {
				// No closing delimiter anywhere after: a comment may still follow.
				if (nextComment !== -1 && nextComment > at) {
					pos = nextComment;
					continue;
				}
				break;
			}
			if (at > textStart) tokens.push({kind: 'text', text: input.slice(textStart, at)});
			tokens.push(classify(input.slice(at + open.length, end)));
			pos = end + close.length;
			textStart = pos;
		} else {
			const end = input.indexOf(COMMENT_END, at + COMMENT_START.length);
			if (end === -1) {
				if (nextTag !== -1 && nextTag > at) {
					pos = nextTag;
					continue;
				}
				break;
			}
			if (at > textStart) tokens.push({kind: 'text', text: input.slice(textStart, at)});
			tokens.push({kind: 'comment', text: input.slice(at + COMMENT_START.length, end)});
			pos = end + COMMENT_END.length;
			textStart = pos;
		}
	}
	if (textStart < input.length) tokens.push({kind: 'text', text: input.slice(textStart)});
	return tokens;
}
