// Which image output this terminal gets: the user's setting, else the best that works here, from
// the terminal's replies, tmux's view of the outer terminal, and (where reliable) the environment.
// Over SSH and in tmux the answer is never "placeholders": at worst a colour text rendering.
import type {ProbeReplies} from './terminal-probe.js';
import type {TmuxInfo} from './tmux.js';
import type {ColorDepth} from './text-image.js';

/** kitty graphics, iTerm2 inline images, sixel, coloured half blocks, or placeholders only. */
export type GraphicsOutput = 'kitty' | 'iterm' | 'sixel' | 'text' | 'off';
export type OutputSetting = 'auto' | GraphicsOutput;
export type ColorSetting = 'auto' | ColorDepth;

export interface GraphicsChoice {
	output: GraphicsOutput;
	/** kitty: virtual placements shown through Unicode placeholder cells (kitty >= 0.28, Ghostty; required in tmux). */
	placeholders: boolean;
	/** Wrap image sequences for tmux's passthrough. */
	tmuxPassthrough: boolean;
	/** Passthrough is off in this pane and must be turned on (and put back on exit). */
	enablePassthrough: boolean;
	colors: ColorDepth;
	/** Terminal cell size in pixels, null when nobody says. */
	cell: {width: number; height: number} | null;
	/** Over SSH: images are sent smaller (palette PNG) to stay within a few hundred kB. */
	remote: boolean;
	/** Why, in a few words (shown by `--debug`, and in tests). */
	reason: string;
}

export interface TerminalFacts {
	env: Record<string, string | undefined>;
	/** The terminal's own replies (outside tmux, or tmux's when inside it). */
	probe: ProbeReplies | null;
	tmux: TmuxInfo | null;
	isTTY: boolean;
}

export const defaultCell = {width: 10, height: 20};

type Brand = 'kitty' | 'ghostty' | 'wezterm' | 'iterm2' | 'konsole' | 'warp' | 'vscode' | 'mintty' | 'rio' | 'foot' | 'xterm' | 'mlterm' | 'windows-terminal' | 'tabby' | 'hyper' | 'vte' | 'alacritty' | 'tmux' | null;

/** The terminal named by an XTVERSION answer or TERM_PROGRAM-like text. */
export function brandOf(text: string): Brand {
	const t = text.toLowerCase();
	if (t.startsWith('kitty') || t.includes('xterm-kitty')) return 'kitty';
	if (t.includes('ghostty')) return 'ghostty';
	if (t.includes('wezterm')) return 'wezterm';
	if (t.includes('iterm')) return 'iterm2';
	if (t.includes('konsole')) return 'konsole';
	if (t.includes('warp')) return 'warp';
	if (t.includes('vscode')) return 'vscode';
	if (t.includes('mintty')) return 'mintty';
	if (t.startsWith('rio')) return 'rio';
	if (t.startsWith('foot')) return 'foot';
	if (t.startsWith('xterm(') || t === 'xterm') return 'xterm';
	if (t.startsWith('mlterm')) return 'mlterm';
	if (t.includes('windowsterminal') || t.includes('windows terminal')) return 'windows-terminal';
	if (t.includes('tabby')) return 'tabby';
	if (t.includes('hyper')) return 'hyper';
	if (t.startsWith('tmux')) return 'tmux';
	if (t.includes('alacritty')) return 'alacritty';
	return null;
}

/** Brand hints from the environment; only trustworthy outside tmux (inside, they belong to whichever terminal started the server). */
function envBrand(env: Record<string, string | undefined>): Brand {
	const term = env.TERM ?? '';
	if (env.KITTY_WINDOW_ID || term === 'xterm-kitty') return 'kitty';
	if (term === 'xterm-ghostty' || env.TERM_PROGRAM === 'ghostty') return 'ghostty';
	if (env.TERM_PROGRAM === 'WezTerm' || env.WEZTERM_PANE) return 'wezterm';
	// iTerm2 sets LC_TERMINAL so that it crosses SSH (SendEnv LC_*).
	if (env.TERM_PROGRAM === 'iTerm.app' || env.LC_TERMINAL === 'iTerm2') return 'iterm2';
	if (env.KONSOLE_VERSION) return 'konsole';
	if (env.TERM_PROGRAM === 'WarpTerminal') return 'warp';
	if (env.TERM_PROGRAM === 'vscode') return 'vscode';
	if (env.TERM_PROGRAM === 'mintty') return 'mintty';
	if (env.TERM_PROGRAM === 'rio') return 'rio';
	if (term.startsWith('foot')) return 'foot';
	if (env.WT_SESSION) return 'windows-terminal';
	if (env.VTE_VERSION) return 'vte';
	if (term === 'alacritty') return 'alacritty';
	return null;
}

// Terminals whose iTerm2 inline images work better than their kitty support (WezTerm lacks
// placeholders; peers pick IIP there too).
const itermBrands = new Set<Brand>(['wezterm', 'iterm2', 'vscode', 'mintty', 'warp', 'tabby', 'hyper', 'rio']);
const truecolorBrands = new Set<Brand>(['kitty', 'ghostty', 'wezterm', 'iterm2', 'konsole', 'warp', 'vscode', 'mintty', 'rio', 'foot', 'windows-terminal', 'tabby', 'hyper', 'vte', 'alacritty', 'mlterm']);

function colorDepth(facts: TerminalFacts, brand: Brand, inTmux: boolean): ColorDepth {
	const {env} = facts;
	// tmux turns 24-bit colours into the nearest of 256 for clients without RGB, so inside it truecolor is always safe.
	if (inTmux) return 'truecolor';
	if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 'truecolor';
	if (brand && truecolorBrands.has(brand)) return 'truecolor';
	const term = env.TERM ?? '';
	if (term.includes('256color') || term.includes('direct')) return '256';
	return '16';
}

export function chooseGraphics(facts: TerminalFacts, setting: {output: OutputSetting; colors: ColorSetting; tmuxPassthrough: boolean}): GraphicsChoice {
	const {env, probe, tmux} = facts;
	const term = env.TERM ?? '';
	const inTmux = Boolean(tmux) || Boolean(env.TMUX) || term.startsWith('tmux') || env.TERM_PROGRAM === 'tmux' || brandOf(probe?.version ?? '') === 'tmux';
	const inScreen = !inTmux && (term.startsWith('screen') || Boolean(env.STY));
	const remote = Boolean(env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT);
	const brand: Brand = inTmux ? brandOf(tmux?.termType ?? '') : (brandOf(probe?.version ?? '') ?? envBrand(env));
	const cell = tmux?.cell ?? probe?.cell ?? null;
	const colors = setting.colors === 'auto' ? colorDepth(facts, brand, inTmux) : setting.colors;
	const base = {placeholders: false, tmuxPassthrough: false, enablePassthrough: false, colors, cell, remote};

	if (!facts.isTTY) return {...base, output: 'off', reason: 'output is not a terminal'};
	if (setting.output !== 'auto') {
		const placeholders = setting.output === 'kitty' && (inTmux || brand === 'kitty' || brand === 'ghostty');
		const wrap = inTmux && (setting.output === 'kitty' || setting.output === 'iterm');
		return {
			...base,
			output: setting.output,
			placeholders,
			tmuxPassthrough: wrap,
			enablePassthrough: wrap && setting.tmuxPassthrough && tmux?.passthrough === 'off',
			reason: `set in config.json (images.output = ${setting.output})`,
		};
	}
	if (inTmux) {
		if (brand === 'kitty' || brand === 'ghostty') {
			const on = tmux?.passthrough === 'on' || tmux?.passthrough === 'all';
			if (on || (tmux && setting.tmuxPassthrough)) {
				return {...base, output: 'kitty', placeholders: true, tmuxPassthrough: true, enablePassthrough: !on, reason: `tmux in ${brand}: kitty images through passthrough, placed by Unicode placeholders`};
			}
		}
		if (tmux?.sixel && tmux.features.includes('sixel')) return {...base, output: 'sixel', reason: 'tmux draws sixel itself'};
		return {...base, output: 'text', reason: tmux ? `tmux (outer terminal ${tmux.termType || 'unknown'}): colour text` : 'tmux seen without $TMUX (over SSH): colour text'};
	}
	if (inScreen) return {...base, output: 'text', reason: 'GNU screen: colour text'};
	if (probe?.kitty && brand !== 'wezterm') {
		const placeholders = brand === 'kitty' || brand === 'ghostty';
		return {...base, output: 'kitty', placeholders, reason: `${brand ?? 'terminal'} answered the kitty graphics query`};
	}
	if (brand && itermBrands.has(brand)) return {...base, output: 'iterm', reason: `${brand}: iTerm2 inline images`};
	if (probe?.da1?.includes(4)) return {...base, output: 'sixel', reason: 'the terminal reports sixel (DA1 4)'};
	// No reply at all (probe timed out) but a known kitty terminal by environment.
	if (!probe && (brand === 'kitty' || brand === 'ghostty')) return {...base, output: 'kitty', placeholders: true, reason: `${brand} (by environment)`};
	return {...base, output: 'text', reason: `${brand ?? 'this terminal'} has no graphics protocol: colour text`};
}
