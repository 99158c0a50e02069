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

// Flag colours follow Anki's order: red, orange, green, blue, pink, turquoise, purple.
const dark: Theme = {
	name: 'dark',
	tokens: {
		text: {},
		muted: {color: 'gray'},
		title: {bold: true},
		accent: {color: '#7aa2f7'},
		selected: {inverse: true},
		border: {color: 'gray'},
		error: {color: '#f7768e'},
		hint: {color: '#e0af68'},
		new: {color: '#60a5fa'},
		learn: {color: '#f87171'},
		review: {color: '#4ade80'},
		again: {color: '#f87171'},
		hard: {color: '#fbbf24'},
		good: {color: '#4ade80'},
		easy: {color: '#60a5fa'},
		cloze: {color: '#60a5fa', bold: true},
		link: {color: '#7aa2f7', underline: true},
		code: {color: '#c0caf5'},
		media: {color: 'gray'},
		typeGood: {color: 'black', backgroundColor: '#4ade80'},
		typeBad: {color: 'black', backgroundColor: '#f87171'},
		typeMissing: {color: 'black', backgroundColor: 'gray'},
		marked: {color: '#c084fc'},
		flag1: {color: '#f87171'},
		flag2: {color: '#fb923c'},
		flag3: {color: '#4ade80'},
		flag4: {color: '#60a5fa'},
		flag5: {color: '#f472b6'},
		flag6: {color: '#2dd4bf'},
		flag7: {color: '#a78bfa'},
	},
};

const light: Theme = {
	name: 'light',
	tokens: {
		...dark.tokens,
		muted: {color: '#6b7280'},
		accent: {color: '#1d4ed8'},
		border: {color: '#9ca3af'},
		error: {color: '#b91c1c'},
		hint: {color: '#92400e'},
		new: {color: '#1d4ed8'},
		learn: {color: '#c2410c'},
		review: {color: '#15803d'},
		again: {color: '#b91c1c'},
		hard: {color: '#92400e'},
		good: {color: '#15803d'},
		easy: {color: '#1d4ed8'},
		cloze: {color: '#1d4ed8', bold: true},
		link: {color: '#1d4ed8', underline: true},
		code: {color: '#374151'},
		media: {color: '#6b7280'},
		typeGood: {color: 'white', backgroundColor: '#15803d'},
		typeBad: {color: 'white', backgroundColor: '#b91c1c'},
		typeMissing: {color: 'white', backgroundColor: '#6b7280'},
		marked: {color: '#7e22ce'},
		flag1: {color: '#b91c1c'},
		flag2: {color: '#c2410c'},
		flag3: {color: '#15803d'},
		flag4: {color: '#1d4ed8'},
		flag5: {color: '#be185d'},
		flag6: {color: '#0f766e'},
		flag7: {color: '#6d28d9'},
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

/** Maps any token name a renderer might emit to a theme token; unknown names read as plain text. */
export function tokenStyle(theme: Theme, token: string | undefined): TokenStyle {
	if (!token) return theme.tokens.text;
	return (theme.tokens as Record<string, TokenStyle>)[token] ?? theme.tokens.text;
}
