// Anki's searches hand regexes to the Rust `regex` crate (rslib storage/sqlite.rs `regexp`,
// `regexp_fields`, `regexp_tags`). Users write them in that dialect (`re:`, `tag:re:`, `field:re:`)
// and Anki builds its own (`(?i)…`, `\b…\b` for `w:`), so we translate that dialect to a JS RegExp:
// leading inline flags become JS flags, `\b`/`\w`/`\d` become their Unicode meanings (JS's are
// ASCII), `(?P<n>…)` becomes `(?<n>…)`, POSIX classes and escapes Rust allows but JS's `u` mode
// rejects (`\-`, `\#`, `\&`, `\~` from regex::escape) become literals. Always compiled with `u`.

export class RegexSyntaxError extends Error {}

/** Rust's Unicode `\w`: letters, marks, decimal digits, connector punctuation, joiners. */
const WORD_CLASS = String.raw`\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`;
const WORD = `[${WORD_CLASS}]`;
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_BOUNDARY = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;

/** Characters a `u`-mode JS regex lets you escape outside a class (and `-` inside one). */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

/** Rust's ASCII-only POSIX classes (`[[:alpha:]]`), as JS class contents. */
const POSIX: Record<string, string> = {
	alnum: '0-9A-Za-z',
	alpha: 'A-Za-z',
	ascii: '\\x00-\\x7F',
	blank: '\\t ',
	cntrl: '\\x00-\\x1F\\x7F',
	digit: '0-9',
	graph: '!-~',
	lower: 'a-z',
	print: ' -~',
	punct: '!-\\/:-@\\[-`{-~',
	space: '\\t\\n\\v\\f\\r ',
	upper: 'A-Z',
	word: '0-9A-Za-z_',
	xdigit: '0-9A-Fa-f',
};

/** Escape letters that mean a class, in and out of brackets. */
const CLASS_ESCAPES: Record<string, {inClass: string; outside: string}> = {
	w: {inClass: WORD_CLASS, outside: WORD},
	W: {inClass: '', outside: `[^${WORD_CLASS}]`},
	d: {inClass: '\\p{Nd}', outside: '\\p{Nd}'},
	D: {inClass: '', outside: '\\P{Nd}'},
	s: {inClass: '\\s', outside: '\\s'},
	S: {inClass: '\\S', outside: '\\S'},
};

const SIMPLE_ESCAPES: Record<string, string> = {n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\x07'};

interface Flags {
	i: boolean;
	s: boolean;
	m: boolean;
	x: boolean;
}

function propertyEscape(negated: boolean, name: string): string {
	const letter = negated ? 'P' : 'p';
	for (const candidate of [name, `Script=${name}`]) {
		try {
			new RegExp(`\\${letter}{${candidate}}`, 'u');
			return `\\${letter}{${candidate}}`;
		} catch {
			// try the next spelling
		}
	}
	throw new RegexSyntaxError(`unknown Unicode class \\${letter}{${name}}`);
}

class Translator {
	private at = 0;
	private out = '';

	constructor(
		private readonly source: string,
		private readonly flags: Flags,
	) {}

	run(): string {
		while (this.at < this.source.length) this.outsideClass();
		return this.out;
	}

	private peek(offset = 0): string {
		return this.source[this.at + offset] ?? '';
	}

	private outsideClass(): void {
		const c = this.source[this.at]!;
		if (this.flags.x && /\s/.test(c)) {
			this.at++;
			return;
		}
		if (this.flags.x && c === '#') {
			const end = this.source.indexOf('\n', this.at);
			this.at = end < 0 ? this.source.length : end + 1;
			return;
		}
		if (c === '\\') {
			this.out += this.escape(false);
			return;
		}
		if (c === '[') {
			this.out += this.charClass();
			return;
		}
		if (c === '(') {
			this.out += this.groupOpening();
			return;
		}
		if (c === '{') {
			const quantifier = /^\{\d+(,\d*)?\}/.exec(this.source.slice(this.at));
			if (quantifier) {
				this.out += quantifier[0];
				this.at += quantifier[0].length;
				return;
			}
			throw new RegexSyntaxError('repetition quantifier expects a valid decimal');
		}
		if (c === '}' || c === ']') {
			this.out += `\\${c}`;
			this.at++;
			return;
		}
		if (c === '/') {
			this.out += '\\/';
			this.at++;
			return;
		}
		this.out += c;
		this.at++;
	}

	private groupOpening(): string {
		const rest = this.source.slice(this.at);
		const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
		if (named) {
			this.at += named[0].length;
			return `(?<${named[1]}>`;
		}
		const flagged = /^\(\?([a-zA-Z-]*)(:|\))/.exec(rest);
		if (flagged && flagged[1] !== '') {
			// A flag group later in the pattern: JS (Node 20) has no inline modifiers. It is harmless
			// when it asks for what is already on, so that much is accepted.
			const wanted = parseFlagSet(flagged[1]!, {...this.flags});
			if (wanted.i !== this.flags.i || wanted.s !== this.flags.s || wanted.m !== this.flags.m) {
				throw new RegexSyntaxError(`inline flags (?${flagged[1]}) are only supported at the start of the pattern`);
			}
			this.at += flagged[0].length;
			return flagged[2] === ':' ? '(?:' : '';
		}
		this.at++;
		return '(';
	}

	private escape(inClass: boolean): string {
		const next = this.peek(1);
		if (next === '') throw new RegexSyntaxError('incomplete escape sequence, reached end of pattern prematurely');
		this.at += 2;
		const classEscape = CLASS_ESCAPES[next];
		if (classEscape) {
			if (inClass && classEscape.inClass === '') throw new RegexSyntaxError(`negated class \\${next} inside brackets is not supported`);
			return inClass ? classEscape.inClass : classEscape.outside;
		}
		if (next === 'b' && !inClass) return BOUNDARY;
		if (next === 'B' && !inClass) return NOT_BOUNDARY;
		if (next === 'A' && !inClass) return '(?<![\\s\\S])';
		if (next === 'z' && !inClass) return '(?![\\s\\S])';
		if (next === 'p' || next === 'P') {
			if (this.peek() === '{') {
				const end = this.source.indexOf('}', this.at);
				if (end < 0) throw new RegexSyntaxError('unclosed Unicode class');
				const name = this.source.slice(this.at + 1, end);
				this.at = end + 1;
				return propertyEscape(next === 'P', name);
			}
			const letter = this.peek();
			this.at++;
			return propertyEscape(next === 'P', letter);
		}
		if (next === 'x') {
			if (this.peek() === '{') {
				const end = this.source.indexOf('}', this.at);
				const hex = end < 0 ? '' : this.source.slice(this.at + 1, end);
				if (!/^[0-9A-Fa-f]{1,8}$/.test(hex)) throw new RegexSyntaxError('invalid hexadecimal escape');
				this.at = end + 1;
				return `\\u{${hex}}`;
			}
			const hex = this.source.slice(this.at, this.at + 2);
			if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RegexSyntaxError('invalid hexadecimal escape');
			this.at += 2;
			return `\\x${hex}`;
		}
		if (next === 'u' || next === 'U') {
			const length = next === 'u' ? 4 : 8;
			const hex = this.source.slice(this.at, this.at + length);
			if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(hex)) throw new RegexSyntaxError('invalid hexadecimal escape');
			this.at += length;
			return `\\u{${hex}}`;
		}
		const simple = SIMPLE_ESCAPES[next];
		if (simple) return simple;
		if (/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e ]/.test(next)) {
			// Rust lets any ASCII punctuation be escaped; JS's u mode only its own syntax characters.
			if (JS_SYNTAX.has(next) || (inClass && next === '-')) return `\\${next}`;
			return next;
		}
		throw new RegexSyntaxError(`unrecognized escape sequence \\${next}`);
	}

	private charClass(): string {
		this.at++; // [
		let body = '';
		if (this.peek() === '^') {
			body += '^';
			this.at++;
		}
		// A `]` right after the opening bracket is a literal in Rust.
		if (this.peek() === ']') {
			body += '\\]';
			this.at++;
		}
		for (;;) {
			const c = this.peek();
			if (c === '') throw new RegexSyntaxError('unclosed character class');
			if (c === ']') {
				this.at++;
				return `[${body}]`;
			}
			if (c === '\\') {
				body += this.escape(true);
				continue;
			}
			if (c === '[') {
				const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.source.slice(this.at));
				if (posix && POSIX[posix[2]!]) {
					if (posix[1]) throw new RegexSyntaxError('negated POSIX classes are not supported');
					body += POSIX[posix[2]!];
					this.at += posix[0].length;
					continue;
				}
				if (posix) throw new RegexSyntaxError(`invalid ASCII class [:${posix[2]}:]`);
				throw new RegexSyntaxError('nested character classes are not supported');
			}
			if ((c === '&' && this.peek(1) === '&') || (c === '~' && this.peek(1) === '~') || (c === '-' && this.peek(1) === '-')) {
				throw new RegexSyntaxError('character class set operations are not supported');
			}
			body += c === '/' ? '\\/' : c;
			this.at++;
		}
	}
}

function parseFlagSet(spec: string, flags: Flags): Flags {
	let on = true;
	for (const letter of spec) {
		if (letter === '-') {
			on = false;
			continue;
		}
		if (letter === 'i' || letter === 's' || letter === 'm' || letter === 'x') flags[letter] = on;
		else if (letter === 'u' || letter === 'U' || letter === 'R') continue; // Unicode is always on in JS u mode; U (lazy swap) and R are rare
		else throw new RegexSyntaxError(`unrecognized flag ${letter}`);
	}
	return flags;
}

/** Translates a Rust-syntax pattern (as Anki builds or users type them) into a JS RegExp. */
export function rustRegex(pattern: string): RegExp {
	const flags: Flags = {i: false, s: false, m: false, x: false};
	let rest = pattern;
	for (let match = /^\(\?([a-zA-Z-]+)\)/.exec(rest); match; match = /^\(\?([a-zA-Z-]+)\)/.exec(rest)) {
		parseFlagSet(match[1]!, flags);
		rest = rest.slice(match[0].length);
	}
	const source = new Translator(rest, flags).run();
	const jsFlags = `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}u`;
	try {
		return new RegExp(source, jsFlags);
	} catch (error) {
		throw new RegexSyntaxError((error as Error).message.replace(/^Invalid regular expression: /, ''));
	}
}

const compiled = new Map<string, RegExp | RegexSyntaxError>();

/** rustRegex, cached by pattern text (SQL functions see the same pattern once per row). */
export function cachedRustRegex(pattern: string): RegExp {
	let entry = compiled.get(pattern);
	if (!entry) {
		try {
			entry = rustRegex(pattern);
		} catch (error) {
			entry = error instanceof RegexSyntaxError ? error : new RegexSyntaxError(String(error));
		}
		if (compiled.size > 500) compiled.clear();
		compiled.set(pattern, entry);
	}
	if (entry instanceof RegexSyntaxError) throw entry;
	return entry;
}

/** Rust's regex::escape: a backslash before every regex meta character. */
export function escapeRustRegex(text: string): string {
	return text.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
}
