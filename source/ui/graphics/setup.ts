// Picks the image output once per run, before Ink starts reading the keyboard: the terminal's
// replies and tmux's answers are gathered while the collection opens (a local terminal answers
// in a few ms; the wait is capped at 0.5 s, 1 s over SSH), then the user's setting or the best
// output for this terminal is chosen.
import {chooseGraphics, type ColorSetting, type GraphicsChoice, type OutputSetting} from './terminal-graphics.js';
import {probeTerminal} from './terminal-probe.js';
import {enablePassthrough, tmuxInfo} from './tmux.js';

export interface ImageSettings {
	output: OutputSetting;
	colors: ColorSetting;
	/** May turn tmux's allow-passthrough on for this pane (put back on exit). */
	tmuxPassthrough: boolean;
}

export interface GraphicsSetup {
	choice: GraphicsChoice;
	/** Puts back what was changed (tmux's passthrough setting); safe to call twice. */
	restore(): void;
}

export async function detectGraphics(options: {
	env: Record<string, string | undefined>;
	settings: ImageSettings;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** No colour wanted (NO_COLOR, --no-color): images would be meaningless as text. */
	noColor: boolean;
}): Promise<GraphicsSetup> {
	const {env, settings, stdin, stdout} = options;
	const isTTY = Boolean(stdout.isTTY && stdin.isTTY);
	const wantsImages = isTTY && settings.output !== 'off';
	const remote = Boolean(env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT);
	// Inside tmux or screen an APC string would retitle the window; they do not answer it anyway.
	const multiplexer = Boolean(env.TMUX || env.STY) || /^(tmux|screen)/.test(env.TERM ?? '');
	const [probe, tmux] = wantsImages ? await Promise.all([probeTerminal(stdin, stdout, remote ? 1000 : 500, {apc: !multiplexer}), tmuxInfo(env)]) : [null, null];
	let choice = chooseGraphics({env, probe, tmux, isTTY}, settings);
	if (options.noColor && choice.output === 'text') choice = {...choice, output: 'off', reason: 'no colour wanted'};
	let undo: (() => void) | null = null;
	if (choice.enablePassthrough) {
		undo = await enablePassthrough(env);
		if (!undo) choice = {...choice, output: 'text', placeholders: false, tmuxPassthrough: false, enablePassthrough: false, reason: `${choice.reason}; tmux refused allow-passthrough: colour text`};
	}
	return {
		choice,
		restore: () => {
			undo?.();
			undo = null;
		},
	};
}
