// Handing the terminal to another program (the user's $EDITOR) and taking it back: raw mode off,
// the alternate screen left and the cursor shown while it runs; afterwards the alternate screen is
// entered again and Ink repaints the whole frame (the screen was the editor's meanwhile). `run` is
// synchronous (spawnSync), so no key reaches Ink while the other program has the terminal.
import {useCallback} from 'react';
import {useStdin, useStdout} from 'ink';

import {enterAltScreen, hideCursor, leaveAltScreen, showCursor} from '../terminal-codes.js';

/** Runs `run` with the terminal handed over; what screens pass to model calls that open an editor. */
export type TerminalHandoff = <T>(run: () => T) => T;

export function useTerminalHandoff(): TerminalHandoff {
	const {stdin, isRawModeSupported} = useStdin();
	const {stdout, write} = useStdout();
	return useCallback(
		<T,>(run: () => T): T => {
			const tty = Boolean(stdout.isTTY);
			// The stream itself, not Ink's counted setRawMode: Ink's own bookkeeping stays as it was.
			const raw = isRawModeSupported && (stdin as NodeJS.ReadStream).isRaw;
			if (raw) (stdin as NodeJS.ReadStream).setRawMode(false);
			if (tty) stdout.write(leaveAltScreen + showCursor);
			try {
				return run();
			} finally {
				if (tty) stdout.write(enterAltScreen + hideCursor);
				if (raw) (stdin as NodeJS.ReadStream).setRawMode(true);
				// Ink's write() clears its idea of what is on screen and writes the last frame again.
				write('');
			}
		},
		[stdin, stdout, write, isRawModeSupported],
	);
}
