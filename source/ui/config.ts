// The user's config file (`$XDG_CONFIG_HOME/anki-tui/config.json`), parsed and validated. Finding
// and reading the file is commands/config-file.ts's job; this module only turns JSON into settings
// and warnings.
import {buildBindings, type Bindings} from './keys.js';
import {isThemeName, type ThemeName, type TokenStyle} from './theme.js';
import type {ImageSettings} from './graphics/setup.js';

export interface UiConfig {
	theme: ThemeName;
	colors: Partial<Record<string, TokenStyle>>;
	bindings: Bindings;
	audio: {
		/** Command and leading arguments; the file is appended. Empty = first found of the defaults. */
		player: string[];
		/** Overrides the deck option "Don't play audio automatically" when set. */
		autoplay: boolean | null;
	};
	/** How card images are drawn: `output` auto|kitty|iterm|sixel|text|off, text `colors`, tmux passthrough. */
	images: ImageSettings;
	/** Problems found in the file, shown once as a hint line; never fatal. */
	warnings: string[];
}

export function defaultConfig(): UiConfig {
	return parseConfig(undefined);
}

/** `raw` is the parsed JSON (or undefined when there is no file). */
export function parseConfig(raw: unknown): UiConfig {
	const warnings: string[] = [];
	const object = isRecord(raw) ? raw : {};
	if (raw !== undefined && !isRecord(raw)) warnings.push('config: the file must hold a JSON object');

	let theme: ThemeName = 'dark';
	if (object.theme !== undefined) {
		if (isThemeName(object.theme)) theme = object.theme;
		else warnings.push(`config: theme must be "dark", "light" or "none"`);
	}

	const colors: Partial<Record<string, TokenStyle>> = {};
	if (isRecord(object.colors)) {
		for (const [token, style] of Object.entries(object.colors)) {
			if (typeof style === 'string') colors[token] = {color: style};
			else if (isRecord(style)) colors[token] = style as TokenStyle;
		}
	}

	const keys = isRecord(object.keys) ? object.keys : undefined;
	const {bindings, problems} = buildBindings(keys);
	for (const p of problems) warnings.push(`config: keys: ${p.message}`);

	const audioRaw = isRecord(object.audio) ? object.audio : {};
	let player: string[] = [];
	if (typeof audioRaw.player === 'string' && audioRaw.player.trim()) player = audioRaw.player.trim().split(/\s+/);
	else if (Array.isArray(audioRaw.player) && audioRaw.player.every((p) => typeof p === 'string')) player = audioRaw.player as string[];
	const autoplay = typeof audioRaw.autoplay === 'boolean' ? audioRaw.autoplay : null;

	const imagesRaw = isRecord(object.images) ? object.images : {};
	const images: ImageSettings = {output: 'auto', colors: 'auto', tmuxPassthrough: true};
	const outputs = ['auto', 'kitty', 'iterm', 'sixel', 'text', 'off'] as const;
	if (outputs.includes(imagesRaw.output as (typeof outputs)[number])) images.output = imagesRaw.output as ImageSettings['output'];
	else if (imagesRaw.output !== undefined) warnings.push(`config: images.output must be one of ${outputs.join(', ')}`);
	// The older images.inline setting: false/"never" = placeholders only; true/"always"/"auto" = auto.
	else if (imagesRaw.inline === false || imagesRaw.inline === 'never') images.output = 'off';
	const depths = ['auto', 'truecolor', '256', '16'] as const;
	const colorsValue = typeof imagesRaw.colors === 'number' ? String(imagesRaw.colors) : imagesRaw.colors;
	if (depths.includes(colorsValue as (typeof depths)[number])) images.colors = colorsValue as ImageSettings['colors'];
	else if (imagesRaw.colors !== undefined) warnings.push(`config: images.colors must be one of ${depths.join(', ')}`);
	if (typeof imagesRaw.tmuxPassthrough === 'boolean') images.tmuxPassthrough = imagesRaw.tmuxPassthrough;

	return {theme, colors, bindings, audio: {player, autoplay}, images, warnings};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
