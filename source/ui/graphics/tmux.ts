// Inside tmux, tmux itself knows the outer terminal: it asked it with XTVERSION when the client
// attached (#{client_termtype}), and knows its cell size and features. One `tmux display` call
// gives all of that without a passthrough round trip. Passthrough (needed for kitty images) is
// turned on for this pane only when it is off, and put back exactly as it was on exit.
import {execFile, execFileSync} from 'node:child_process';

export interface TmuxInfo {
	version: string;
	/** The outer terminal's XTVERSION answer (`kitty(0.39.1)`, `ghostty 1.1.0`), '' when unknown. */
	termType: string;
	/** TERM of the outer terminal. */
	termName: string;
	/** tmux's terminal features of the client (`RGB`, `sixel`, …). */
	features: string[];
	cell: {width: number; height: number} | null;
	/** tmux renders sixel itself (3.4+ built with sixel). */
	sixel: boolean;
	/** allow-passthrough as it applies to this pane: off, on or all. */
	passthrough: string;
}

const format = ['#{version}', '#{client_termtype}', '#{client_termname}', '#{client_termfeatures}', '#{client_cell_width}', '#{client_cell_height}', '#{sixel_support}', '#{allow-passthrough}'].join('\t');

function tmux(args: string[], timeoutMs: number): Promise<string | null> {
	return new Promise((resolve) => {
		// A tmux binary older than the running server can hang: always with a timeout (kitty's icat does the same).
		execFile('tmux', args, {timeout: timeoutMs, encoding: 'utf8'}, (error, stdout) => resolve(error ? null : stdout));
	});
}

export function parseTmuxInfo(line: string): TmuxInfo | null {
	const parts = line.replace(/\n$/, '').split('\t');
	if (parts.length < 8 || !parts[0]) return null;
	const [version, termType, termName, features, cellWidth, cellHeight, sixel, passthrough] = parts as [string, string, string, string, string, string, string, string];
	const width = Number(cellWidth);
	const height = Number(cellHeight);
	return {
		version,
		termType,
		termName,
		features: features.split(',').filter(Boolean),
		cell: width >= 4 && height >= 8 ? {width, height} : null,
		sixel: sixel === '1',
		// tmux 3.3 prints this flag option as 0/1; 3.4 added `all`.
		passthrough: passthrough === '1' ? 'on' : passthrough === '0' || passthrough === '' ? 'off' : passthrough,
	};
}

/** What tmux says about this pane and its client, or null outside tmux or when tmux does not answer in time. */
export async function tmuxInfo(env: Record<string, string | undefined>, timeoutMs = 1000): Promise<TmuxInfo | null> {
	if (!env.TMUX) return null;
	const target = env.TMUX_PANE ? ['-t', env.TMUX_PANE] : [];
	const out = await tmux(['display-message', '-p', ...target, format], timeoutMs);
	return out === null ? null : parseTmuxInfo(out);
}

/**
 * Turns allow-passthrough on for this pane only; returns how to put it back (null when nothing
 * was changed). The pane's own value is restored, or unset when it had none (then the window's
 * or global value applies again, as before).
 */
export async function enablePassthrough(env: Record<string, string | undefined>, timeoutMs = 1000): Promise<(() => void) | null> {
	const pane = env.TMUX_PANE;
	if (!env.TMUX || !pane) return null;
	const own = await tmux(['show-options', '-p', '-v', '-t', pane, 'allow-passthrough'], timeoutMs);
	const set = await tmux(['set-option', '-p', '-t', pane, 'allow-passthrough', 'on'], timeoutMs);
	if (set === null) return null;
	const previous = own?.trim() ?? '';
	return () => {
		const args = previous ? ['set-option', '-p', '-t', pane, 'allow-passthrough', previous] : ['set-option', '-p', '-u', '-t', pane, 'allow-passthrough'];
		// Synchronous on purpose: this runs while the process exits.
		try {
			execFileSync('tmux', args, {timeout: timeoutMs, stdio: 'ignore'});
		} catch {
			// tmux gone (the server exited): nothing to restore.
		}
	};
}
