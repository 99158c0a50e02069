// Which inline image protocol the terminal speaks, if any. Off inside tmux and over SSH unless the
// user forces it: passthrough there is unreliable and images would leave debris on screen.

export type GraphicsProtocol = 'kitty' | 'iterm' | 'sixel';

export function detectGraphics(env: Record<string, string | undefined>, setting: 'auto' | 'always' | 'never'): GraphicsProtocol | null {
	if (setting === 'never') return null;
	const inTmux = Boolean(env.TMUX) || (env.TERM ?? '').startsWith('tmux') || (env.TERM ?? '').startsWith('screen');
	const overSsh = Boolean(env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT);
	if (setting === 'auto' && (inTmux || overSsh)) return null;
	const term = env.TERM ?? '';
	const program = env.TERM_PROGRAM ?? '';
	if (env.KITTY_WINDOW_ID || term === 'xterm-kitty' || program === 'ghostty' || term === 'xterm-ghostty' || program === 'WezTerm') return 'kitty';
	if (program === 'iTerm.app' || env.LC_TERMINAL === 'iTerm2') return 'iterm';
	if (term.includes('sixel') || program === 'mlterm' || term === 'foot' || term.startsWith('foot')) return 'sixel';
	return null;
}
