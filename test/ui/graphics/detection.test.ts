// Which output each terminal gets: replies as real terminals send them (kitty, Ghostty, WezTerm,
// foot, xterm, tmux 3.3a answering for itself), tmux's view of its client, and the user's setting.
import {describe, expect, it} from 'vitest';
import {parseProbeReplies, probeQuery, probeQueryWithoutApc, type ProbeReplies} from '../../../source/ui/graphics/terminal-probe.js';
import {chooseGraphics, type TerminalFacts} from '../../../source/ui/graphics/terminal-graphics.js';
import {parseTmuxInfo, type TmuxInfo} from '../../../source/ui/graphics/tmux.js';
import type {ImageSettings} from '../../../source/ui/graphics/setup.js';

const ESC = '\u001B';
const da1 = (attrs: string) => `${ESC}[?${attrs}c`;
const dsr = `${ESC}[0n`;
const xtversion = (name: string) => `${ESC}P>|${name}${ESC}\\`;
const cell = (h: number, w: number) => `${ESC}[6;${h};${w}t`;
const kittyOk = `${ESC}_Gi=31;OK${ESC}\\`;

const replies = {
	kitty: kittyOk + xtversion('kitty(0.39.1)') + cell(20, 10) + da1('62;22') + dsr,
	ghostty: kittyOk + xtversion('ghostty 1.1.2') + cell(36, 17) + da1('62;22') + dsr,
	wezterm: kittyOk + xtversion('WezTerm 20240203-110809-5046fc22') + cell(32, 16) + da1('65;4;6;18;22') + dsr,
	foot: xtversion('foot(1.20.2)') + cell(22, 11) + da1('62;4;22') + dsr,
	xterm: xtversion('XTerm(397)') + da1('64;1;2;6;9;15;16;17;18;21;22;28') + dsr,
	tmux33: xtversion('tmux 3.3a') + da1('1;2') + dsr,
	iterm2: xtversion('iTerm2 3.5.4') + `${ESC}]1337;ReportCellSize=17.0;8.0;2.0${ESC}\\` + da1('62;4') + dsr,
};

const probe = (text: string): ProbeReplies => parseProbeReplies(text).replies;
const settings: ImageSettings = {output: 'auto', colors: 'auto', tmuxPassthrough: true};
const facts = (over: Partial<TerminalFacts>): TerminalFacts => ({env: {TERM: 'xterm-256color'}, probe: null, tmux: null, isTTY: true, ...over});
const tmuxInfo = (over: Partial<TmuxInfo>): TmuxInfo => ({version: '3.3a', termType: '', termName: 'xterm-256color', features: [], cell: null, sixel: false, passthrough: 'off', ...over});

describe('terminal replies', () => {
	it('the query asks kitty graphics, XTVERSION, cell size, iTerm2 cell size, DA1 and DSR last, hidden', () => {
		expect(probeQuery.startsWith(`${ESC}[8m`)).toBe(true);
		expect(probeQuery).toContain(`${ESC}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA${ESC}\\`);
		expect(probeQuery.indexOf(`${ESC}[c`)).toBeLessThan(probeQuery.indexOf(`${ESC}[5n`));
		expect(probeQuery.endsWith(`${ESC}[2K\r`)).toBe(true);
	});

	it('inside tmux or screen the query has no APC string (they would take it for the window title)', () => {
		expect(probeQueryWithoutApc).not.toContain(`${ESC}_`);
		expect(probeQueryWithoutApc).toBe(probeQuery.replace(`${ESC}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA${ESC}\\`, ''));
		expect(probeQueryWithoutApc.endsWith(`${ESC}[2K\r`)).toBe(true);
	});

	it('reads each terminal', () => {
		expect(probe(replies.kitty)).toEqual({kitty: true, da1: [62, 22], version: 'kitty(0.39.1)', cell: {width: 10, height: 20}, complete: true});
		expect(probe(replies.foot)).toMatchObject({kitty: false, da1: [62, 4, 22], version: 'foot(1.20.2)', cell: {width: 11, height: 22}});
		expect(probe(replies.tmux33)).toMatchObject({kitty: false, da1: [1, 2], version: 'tmux 3.3a', cell: null, complete: true});
		expect(probe(replies.iterm2)).toMatchObject({version: 'iTerm2 3.5.4', cell: {width: 16, height: 34}});
		expect(probe(da1('62'))).toMatchObject({da1: [62], complete: false});
	});

	it('keeps keys typed during the probe, in order, for the app', () => {
		const {replies: r, rest} = parseProbeReplies(`j${kittyOk}k${ESC}[A${da1('62;4')}q${dsr}`);
		expect(r).toMatchObject({kitty: true, da1: [62, 4], complete: true});
		expect(rest).toBe(`jk${ESC}[Aq`);
	});

	it("reads tmux's answer about its client", () => {
		expect(parseTmuxInfo('3.4\tkitty(0.39.1)\txterm-kitty\tRGB,sixel,sync\t10\t21\t0\toff\n')).toEqual({
			version: '3.4', termType: 'kitty(0.39.1)', termName: 'xterm-kitty', features: ['RGB', 'sixel', 'sync'], cell: {width: 10, height: 21}, sixel: false, passthrough: 'off',
		});
		expect(parseTmuxInfo('3.3a\t\t\t\t0\t0\t\t0\n')).toMatchObject({termType: '', cell: null, passthrough: 'off'});
		expect(parseTmuxInfo('3.3a\t\t\t\t0\t0\t\t1\n')).toMatchObject({passthrough: 'on'});
		expect(parseTmuxInfo('')).toBeNull();
	});
});

describe('the output each terminal gets', () => {
	const pick = (f: Partial<TerminalFacts>, s: Partial<ImageSettings> = {}) => chooseGraphics(facts(f), {...settings, ...s});

	it('kitty and Ghostty: kitty images through Unicode placeholders, truecolor, their own cell size', () => {
		expect(pick({probe: probe(replies.kitty)})).toMatchObject({output: 'kitty', placeholders: true, tmuxPassthrough: false, colors: 'truecolor', cell: {width: 10, height: 20}});
		expect(pick({probe: probe(replies.ghostty)})).toMatchObject({output: 'kitty', placeholders: true, cell: {width: 17, height: 36}});
	});

	it('WezTerm and iTerm2: iTerm2 inline images (WezTerm has no placeholders); over SSH too', () => {
		expect(pick({probe: probe(replies.wezterm)})).toMatchObject({output: 'iterm'});
		expect(pick({probe: probe(replies.iterm2), env: {TERM: 'xterm-256color', SSH_CONNECTION: '1 2 3 4'}})).toMatchObject({output: 'iterm', remote: true});
		// iTerm2's LC_TERMINAL crosses SSH even when the probe times out.
		expect(pick({env: {TERM: 'xterm-256color', LC_TERMINAL: 'iTerm2', SSH_TTY: '/dev/pts/1'}})).toMatchObject({output: 'iterm'});
	});

	it('foot: sixel (DA1 4); xterm without sixel: colour text, 256 colours from TERM', () => {
		expect(pick({probe: probe(replies.foot)})).toMatchObject({output: 'sixel'});
		expect(pick({probe: probe(replies.xterm), env: {TERM: 'xterm-256color'}})).toMatchObject({output: 'text', colors: '256'});
		expect(pick({probe: probe(replies.xterm), env: {TERM: 'xterm-256color', COLORTERM: 'truecolor'}})).toMatchObject({output: 'text', colors: 'truecolor'});
		expect(pick({probe: null, env: {TERM: 'vt100'}})).toMatchObject({output: 'text', colors: '16'});
	});

	it('tmux in kitty: kitty images through passthrough with placeholders, turning passthrough on for the pane when off', () => {
		const env = {TERM: 'tmux-256color', TMUX: '/tmp/tmux-0/default,1,0', TMUX_PANE: '%1'};
		expect(pick({env, probe: probe(replies.tmux33), tmux: tmuxInfo({termType: 'kitty(0.39.1)', passthrough: 'off'})})).toMatchObject({
			output: 'kitty', placeholders: true, tmuxPassthrough: true, enablePassthrough: true, colors: 'truecolor',
		});
		expect(pick({env, tmux: tmuxInfo({termType: 'ghostty 1.1.2', passthrough: 'on'})})).toMatchObject({output: 'kitty', enablePassthrough: false});
		// The user said not to touch passthrough: colour text instead.
		expect(pick({env, tmux: tmuxInfo({termType: 'kitty(0.39.1)'})}, {tmuxPassthrough: false})).toMatchObject({output: 'text'});
	});

	it('tmux elsewhere: its own sixel when it has it, else colour text, never placeholders only', () => {
		const env = {TERM: 'screen-256color', TMUX: '/tmp/tmux-0/default,1,0'};
		expect(pick({env, tmux: tmuxInfo({version: '3.6', sixel: true, features: ['sixel', 'RGB']})})).toMatchObject({output: 'sixel'});
		expect(pick({env, tmux: tmuxInfo({termType: 'WezTerm 20240203'})})).toMatchObject({output: 'text', colors: 'truecolor'});
		// tmux on the far side of SSH (no $TMUX): seen by TERM or its XTVERSION answer.
		expect(pick({env: {TERM: 'tmux-256color', SSH_CONNECTION: '1 2 3 4'}, probe: probe(replies.tmux33)})).toMatchObject({output: 'text', remote: true});
	});

	it('GNU screen and plain SSH without replies: colour text', () => {
		expect(pick({env: {TERM: 'screen', STY: '123.pts-0'}})).toMatchObject({output: 'text'});
		expect(pick({env: {TERM: 'xterm-256color', SSH_CONNECTION: '1 2 3 4'}, probe: probe(da1('62;22') + dsr)})).toMatchObject({output: 'text', colors: '256', remote: true});
	});

	it('the setting wins; not a terminal means placeholders only', () => {
		expect(pick({probe: probe(replies.kitty)}, {output: 'off'})).toMatchObject({output: 'off'});
		expect(pick({probe: probe(replies.kitty)}, {output: 'text', colors: '16'})).toMatchObject({output: 'text', colors: '16'});
		expect(pick({env: {TERM: 'tmux-256color', TMUX: 'x'}, tmux: tmuxInfo({})}, {output: 'kitty'})).toMatchObject({output: 'kitty', placeholders: true, tmuxPassthrough: true, enablePassthrough: true});
		expect(pick({isTTY: false, probe: probe(replies.kitty)})).toMatchObject({output: 'off'});
	});
});
