import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {fitText, plainText, wrapLines} from '../../source/ui/wrap.js';
import {resolveTheme, themes, tokenStyle} from '../../source/ui/theme.js';
import {parseConfig} from '../../source/ui/config.js';
import {configPath} from '../../source/commands/config-file.js';
import {styledToView} from '../../source/ui/styled-view.js';

describe('wrapLines', () => {
	it('wraps at word boundaries and keeps styles', () => {
		const rows = wrapLines([[{text: 'the quick '}, {text: 'brown', bold: true}, {text: ' fox jumps over'}]], 12);
		expect(rows.map(plainText)).toEqual(['the quick', 'brown fox', 'jumps over']);
		expect(rows[1]![0]).toEqual({text: 'brown', bold: true});
	});

	it('breaks long words and counts wide characters as two columns', () => {
		expect(wrapLines([[{text: 'abcdefghij'}]], 4).map(plainText)).toEqual(['abcd', 'efgh', 'ij']);
		const rows = wrapLines([[{text: '漢字かなカナ漢字'}]], 5);
		expect(rows.map(plainText)).toEqual(['漢字', 'かな', 'カナ', '漢字']);
		for (const row of rows) expect(stringWidth(plainText(row))).toBeLessThanOrEqual(5);
	});

	it('keeps empty lines and stretches rules to the width', () => {
		expect(wrapLines([[], [{text: 'x', slot: 'rule'}]], 6).map(plainText)).toEqual(['', '──────']);
	});

	it('fitText pads and cuts by columns', () => {
		expect(fitText('漢字', 6)).toBe('漢字  ');
		expect(stringWidth(fitText('漢字漢字漢字', 7))).toBe(7);
		expect(fitText('12', 5, 'right')).toBe('   12');
	});

	it('fitText cuts printable ASCII as it cuts by graphemes, at every width', () => {
		// The grapheme path, which the ASCII path must agree with: the same cut of a text with a combining mark after the cut point.
		const ascii = 'Bench 1::Topic 1::Part 3';
		for (let width = 0; width <= ascii.length + 2; width++) {
			const cut = fitText(ascii, width);
			const viaGraphemes = fitText(`${ascii}\u0301`, width);
			if (ascii.length > width) expect(cut).toBe(viaGraphemes);
			expect(stringWidth(cut)).toBe(Math.max(width, Math.min(1, ascii.length)));
			expect(fitText(ascii, width, 'right').trim()).toBe(cut.trim());
		}
		expect(fitText('abcdef', 4)).toBe('abc…');
		expect(fitText('abc', 4)).toBe('abc ');
	});
});

describe('themes', () => {
	it('NO_COLOR and --no-color give the no-colour theme', () => {
		expect(resolveTheme({name: 'light', env: {NO_COLOR: '1'}}).name).toBe('none');
		expect(resolveTheme({name: 'light', env: {NO_COLOR: ''}}).name).toBe('light');
		expect(resolveTheme({name: 'dark', noColor: true}).name).toBe('none');
		for (const style of Object.values(themes.none.tokens)) {
			expect(style.color).toBeUndefined();
			expect(style.backgroundColor).toBeUndefined();
		}
	});

	it('applies token overrides, leaves out unknown ones, and draws no token as text', () => {
		const theme = resolveTheme({name: 'dark', overrides: {new: {color: 'cyan'}, bogus: {color: 'red'}}});
		expect(theme.tokens.new).toEqual({color: 'cyan'});
		expect(Object.keys(theme.tokens)).toEqual(Object.keys(themes.dark.tokens));
		expect(tokenStyle(theme, undefined)).toEqual(theme.tokens.text);
	});
});

describe('config', () => {
	it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
		expect(configPath({XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/me'})).toBe('/x/cfg/anki-tui/config.json');
		expect(configPath({HOME: '/home/me'})).toBe('/home/me/.config/anki-tui/config.json');
		expect(configPath({XDG_CONFIG_HOME: 'relative', HOME: '/home/me'})).toBe('/home/me/.config/anki-tui/config.json');
	});

	it('parses theme, colours, keys, audio and images, with warnings for mistakes', () => {
		const config = parseConfig({
			theme: 'light',
			colors: {new: '#00f', again: {color: 'red', bold: true}},
			keys: {'review.good': ['3', 'g'], 'nope.cmd': 'x'},
			audio: {player: 'mpv --no-video', autoplay: false},
			images: {inline: true},
		});
		expect(config.theme).toBe('light');
		expect(config.colors).toEqual({new: {color: '#00f'}, again: {color: 'red', bold: true}});
		expect(config.bindings['review.good'].keys).toEqual(['3', 'g']);
		expect(config.audio).toEqual({player: ['mpv', '--no-video'], autoplay: false});
		expect(config.images).toEqual({output: 'auto', colors: 'auto', tmuxPassthrough: true});
		expect(config.warnings).toEqual(['config: keys: unknown command "nope.cmd"']);
		expect(parseConfig({theme: 'pink'}).warnings).toHaveLength(1);
		expect(parseConfig(undefined)).toMatchObject({theme: 'dark', audio: {player: [], autoplay: null}, images: {output: 'auto', colors: 'auto', tmuxPassthrough: true}, warnings: []});
		expect(parseConfig({images: {inline: false}}).images.output).toBe('off');
		expect(parseConfig({images: {output: 'text', colors: 256, tmuxPassthrough: false}}).images).toEqual({output: 'text', colors: '256', tmuxPassthrough: false});
		expect(parseConfig({images: {output: 'hologram'}}).warnings).toEqual(['config: images.output must be one of auto, kitty, iterm, sixel, text, off']);
	});
});

describe('styledToView', () => {
	it("maps the renderer's colour tokens to theme tokens and keeps card colours", () => {
		const lines = styledToView([
			[
				{text: 'a', style: {color: 'cloze', bold: true}},
				{text: 'b', style: {color: '#ff0000'}},
				{text: 'c', style: {color: 'code-keyword'}},
				{text: 'd', style: {color: 'bad', strike: true}},
				{text: '', style: {}, slot: 'type-answer'},
			],
		]);
		expect(lines[0]).toEqual([
			{text: 'a', token: 'cloze', bold: true},
			{text: 'b', color: '#ff0000'},
			{text: 'c', token: 'code'},
			{text: 'd', token: 'typeBad', strikethrough: true},
			{text: '', slot: 'type-answer'},
		]);
	});
});
