// Semantic colour tokens: components ask for a meaning ("new", "again", "muted"), never a colour,
// so the dark, light and no-colour themes (and user overrides) are plain data.

export const tokenNames = [
	'text',
	'muted',
	'title',
	'accent',
	'selected',
	'border',
	'error',
	'hint',
	// Queue counts, coloured as Anki colours them (new blue, learn red/orange, due green).
	'new',
	'learn',
	'review',
	// Answer buttons.
	'again',
	'hard',
	'good',
	'easy',
	// Card content.
	'cloze',
	'link',
	'code',
	'media',
	'typeGood',
	'typeBad',
	'typeMissing',
	'marked',
	'flag1',
	'flag2',
	'flag3',
	'flag4',
	'flag5',
	'flag6',
	'flag7',
	// Browser rows of suspended and buried cards (Anki: yellow and brown backgrounds).
	'suspended',
	'buried',
	// Statistics: card kinds as Anki's graphs colour them, calendar cells, single-series bars.
	'statNew',
	'statLearn',
	'statRelearn',
	'statYoung',
	'statMature',
	'statFiltered',
	'statSuspended',
	'statBuried',
	'statHeat',
	'statBar',
] as const;

export type Token = (typeof tokenNames)[number];

export interface TokenStyle {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	underline?: boolean;
	inverse?: boolean;
	strikethrough?: boolean;
}

export interface Theme {
	name: string;
	tokens: Record<Token, TokenStyle>;
}

export type ThemeName = 'dark' | 'light' | 'none';

// Named ANSI colours, not hex: they survive 16-colour terminals unchanged (a hex green can be
// downsampled to cyan) and follow the user's terminal palette. Flag colours follow Anki's order:
// red, orange, green, blue, pink, turquoise, purple.
const dark: Theme = {
	name: 'dark',
	tokens: {
		text: {},
		muted: {color: 'gray'},
		title: {bold: true},
		accent: {color: 'cyanBright'},
		selected: {inverse: true},
		border: {color: 'gray'},
		error: {color: 'redBright'},
		hint: {color: 'yellow'},
		new: {color: 'blueBright'},
		learn: {color: 'redBright'},
		review: {color: 'greenBright'},
		again: {color: 'redBright'},
		hard: {color: 'yellowBright'},
		good: {color: 'greenBright'},
		easy: {color: 'blueBright'},
		cloze: {color: 'blueBright', bold: true},
		link: {color: 'cyanBright', underline: true},
		code: {color: 'cyan'},
		media: {color: 'gray'},
		typeGood: {color: 'black', backgroundColor: 'green'},
		typeBad: {color: 'black', backgroundColor: 'red'},
		typeMissing: {color: 'black', backgroundColor: 'gray'},
		marked: {color: 'magentaBright'},
		flag1: {color: 'redBright'},
		flag2: {color: 'yellow'},
		flag3: {color: 'greenBright'},
		flag4: {color: 'blueBright'},
		flag5: {color: 'magentaBright'},
		flag6: {color: 'cyanBright'},
		flag7: {color: 'magenta'},
		suspended: {color: 'yellow', dimColor: true},
		buried: {color: 'gray'},
		statNew: {color: 'blueBright'},
		statLearn: {color: 'yellow'},
		statRelearn: {color: 'redBright'},
		statYoung: {color: 'greenBright'},
		statMature: {color: 'green'},
		statFiltered: {color: 'magentaBright'},
		statSuspended: {color: 'yellowBright'},
		statBuried: {color: 'gray'},
		statHeat: {color: 'greenBright'},
		statBar: {color: 'cyanBright'},
	},
};

// On light backgrounds the normal (darker) variants read better than the bright ones.
const light: Theme = {
	name: 'light',
	tokens: {
		...dark.tokens,
		muted: {color: 'gray'},
		accent: {color: 'blue'},
		error: {color: 'red'},
		hint: {color: 'magenta'},
		new: {color: 'blue'},
		learn: {color: 'red'},
		review: {color: 'green'},
		again: {color: 'red'},
		hard: {color: 'yellow'},
		good: {color: 'green'},
		easy: {color: 'blue'},
		cloze: {color: 'blue', bold: true},
		link: {color: 'blue', underline: true},
		code: {color: 'magenta'},
		typeGood: {color: 'white', backgroundColor: 'green'},
		typeBad: {color: 'white', backgroundColor: 'red'},
		typeMissing: {color: 'white', backgroundColor: 'gray'},
		marked: {color: 'magenta'},
		flag1: {color: 'red'},
		flag2: {color: 'yellow'},
		flag3: {color: 'green'},
		flag4: {color: 'blue'},
		flag5: {color: 'magenta'},
		flag6: {color: 'cyan'},
		flag7: {color: 'magentaBright'},
		suspended: {color: 'yellow', dimColor: true},
		statNew: {color: 'blue'},
		statLearn: {color: 'yellow'},
		statRelearn: {color: 'red'},
		// Young and mature differ in hue here: bright green is faint on a light background.
		statYoung: {color: 'cyan'},
		statMature: {color: 'green'},
		statFiltered: {color: 'magenta'},
		statSuspended: {color: 'magenta'},
		statBuried: {color: 'gray'},
		statHeat: {color: 'green'},
		statBar: {color: 'blue'},
	},
};

// NO_COLOR forbids colour, not emphasis: meaning is kept with bold, underline and inverse.
const none: Theme = {
	name: 'none',
	tokens: {
		text: {},
		muted: {},
		title: {bold: true},
		accent: {bold: true},
		selected: {inverse: true},
		border: {},
		error: {bold: true},
		hint: {},
		new: {},
		learn: {},
		review: {},
		again: {},
		hard: {},
		good: {},
		easy: {},
		cloze: {bold: true},
		link: {underline: true},
		code: {},
		media: {},
		typeGood: {},
		typeBad: {inverse: true},
		typeMissing: {underline: true},
		marked: {bold: true},
		flag1: {},
		flag2: {},
		flag3: {},
		flag4: {},
		flag5: {},
		flag6: {},
		flag7: {},
		suspended: {dimColor: true},
		buried: {dimColor: true},
		// Charts keep a glyph per series without colour.
		statNew: {},
		statLearn: {},
		statRelearn: {},
		statYoung: {},
		statMature: {},
		statFiltered: {},
		statSuspended: {},
		statBuried: {},
		statHeat: {},
		statBar: {},
	},
};

export const themes: Record<ThemeName, Theme> = {dark, light, none};

export function isThemeName(name: unknown): name is ThemeName {
	return name === 'dark' || name === 'light' || name === 'none';
}

/**
 * The theme to use: no colour when asked (`--no-color`) or when NO_COLOR is set to anything
 * non-empty (no-color.org), else the configured one, with per-token overrides applied on top.
 */
export function resolveTheme(options: {
	name?: string;
	noColor?: boolean;
	env?: Record<string, string | undefined>;
	overrides?: Partial<Record<string, TokenStyle>>;
}): Theme {
	const env = options.env ?? {};
	const noColor = options.noColor === true || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
	if (noColor) return none;
	const base = isThemeName(options.name) ? themes[options.name] : dark;
	if (!options.overrides) return base;
	const tokens = {...base.tokens};
	for (const [name, style] of Object.entries(options.overrides)) {
		if (style && (tokenNames as readonly string[]).includes(name)) tokens[name as Token] = {...style};
	}
	return {name: base.name, tokens};
}

/** The style of a token; no token reads as plain text. */
export function tokenStyle(theme: Theme, token: Token | undefined): TokenStyle {
	return token ? theme.tokens[token] : theme.tokens.text;
}
