// One key handler per screen: turns key presses into command ids through the bindings table
// (with two-key prefixes such as `f 1`), or hands printable text to a text input when one has focus.
import {useRef} from 'react';
import type {Key} from 'ink';
import {useRawKeys} from './key-router.js';
import {isEncodedKey, keyEventToSpec, resolveKey, type Bindings, type CommandId, type Scope} from '../keys.js';

export interface UseCommandsOptions {
	isActive?: boolean;
	/** When it returns true, printable keys go to onText and only named keys resolve to commands. */
	isTyping?: () => boolean;
	onText?: (text: string) => void;
	onBackspace?: () => void;
	/** Called for keys that map to nothing (e.g. to close an overlay). */
	onUnbound?: () => void;
}

interface Latest {
	bindings: Bindings;
	scopes: readonly Scope[];
	onCommand: (command: CommandId) => void;
	options: UseCommandsOptions;
}

export function useCommands(
	bindings: Bindings,
	scopes: readonly Scope[],
	onCommand: (command: CommandId) => void,
	options: UseCommandsOptions = {},
): void {
	// Callbacks are read at key time: ink re-subscribes its input listener only in an effect, so a
	// closure captured at render time can be one render stale.
	const latest = useRef<Latest>({bindings, scopes, onCommand, options});
	latest.current = {bindings, scopes, onCommand, options};
	const pending = useRef<string | null>(null);

	const handleOne = (input: string, key: Key): void => {
		const {bindings, scopes, onCommand, options} = latest.current;
		if (options.isTyping?.()) {
			if (key.backspace || key.delete) {
				options.onBackspace?.();
				return;
			}
			const named = key.return || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.tab;
			if (!named && !key.ctrl && !key.meta && input.length > 0 && !isEncodedKey(input)) {
				options.onText?.(input);
				return;
			}
		}
		const spec = keyEventToSpec(input, key);
		if (spec === null) return;
		const result = resolveKey(bindings, scopes, spec, pending.current);
		if (result.kind === 'prefix') {
			pending.current = result.prefix;
			return;
		}
		const hadPrefix = pending.current !== null;
		pending.current = null;
		if (result.kind === 'command') {
			onCommand(result.command);
			return;
		}
		// An unknown second key after a prefix is tried on its own.
		if (hadPrefix) {
			const alone = resolveKey(bindings, scopes, spec, null);
			if (alone.kind === 'command') {
				onCommand(alone.command);
				return;
			}
		}
		options.onUnbound?.();
	};

	const handler = useRef((input: string, key: Key): void => {
		// Keys that arrive in one burst ("33", pasted text) are still one press each, so the state
		// machine sees them one at a time (the second "3" lands on the next question).
		const chars = [...input];
		const burst = chars.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B') && !isEncodedKey(input);
		if (!burst) {
			handleOne(input, key);
			return;
		}
		for (const ch of chars) {
			const backspace = ch === '\u007F' || ch === '\b';
			handleOne(backspace ? '' : ch, {...key, return: ch === '\r' || ch === '\n', tab: ch === '\t', backspace});
		}
	});
	useRawKeys(handler.current, options.isActive ?? true);
}
