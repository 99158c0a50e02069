// One stdin listener for the whole app. Screens register their handler while rendering, so a key
// pressed right after a screen change reaches the new screen (ink subscribes useInput listeners in
// an effect, which can run a moment after the first frame, and keys in between would be lost).
// Terminal replies that come after the graphics probe stopped listening are dropped here, at the
// one place input enters the app (terminal-replies.ts).
import React, {createContext, useContext, useEffect, useRef, type MutableRefObject} from 'react';
import {useApp, useInput, useStdin, type Key} from 'ink';
import {ESCAPE_HOLD_MS, TerminalReplyFilter} from './terminal-replies.js';

export type RawKeyHandler = (input: string, key: Key) => void;

const KeyRouterContext = createContext<MutableRefObject<RawKeyHandler | null> | null>(null);

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
	home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
	backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
// What ink reports for a lone ESC.
const escapeKey: Key = {...noKey, escape: true, meta: true};

export function KeyRouter({children, onKey}: {children: React.ReactNode; onKey?: () => void}): React.JSX.Element {
	const current = useRef<RawKeyHandler | null>(null);
	const {exit} = useApp();
	const {internal_eventEmitter: inputEvents} = useStdin();
	const deliver = (input: string, key: Key): void => {
		onKey?.();
		// ink only sees Ctrl+C when it arrives alone; in a burst ("i^C") it is still a quit.
		const ctrlC = input.length > 1 ? input.indexOf('\u0003') : -1;
		if (ctrlC >= 0) {
			if (ctrlC > 0) current.current?.(input.slice(0, ctrlC), key);
			exit();
			return;
		}
		current.current?.(input, key);
	};
	const deliverRef = useRef(deliver);
	deliverRef.current = deliver;

	// ink hands each input event to every listener in turn; ours is prepended, so it sorts the event
	// before useInput's listener below parses it, and that listener skips what we dropped.
	const dropCurrent = useRef(false);
	useEffect(() => {
		let escapeTimer: NodeJS.Timeout | undefined;
		const filter = new TerminalReplyFilter({
			onEscape: () => deliverRef.current('', escapeKey),
			onText: (text) => deliverRef.current(text, noKey),
		});
		const sort = (event: string): void => {
			clearTimeout(escapeTimer);
			const verdict = filter.classify(event);
			dropCurrent.current = verdict.kind !== 'key';
			if (verdict.kind === 'hold') escapeTimer = setTimeout(() => filter.releaseEscape(), ESCAPE_HOLD_MS);
		};
		inputEvents.prependListener('input', sort);
		return () => {
			clearTimeout(escapeTimer);
			inputEvents.removeListener('input', sort);
		};
	}, [inputEvents]);

	useInput((input, key) => {
		if (dropCurrent.current) {
			dropCurrent.current = false;
			return;
		}
		deliver(input, key);
	});
	return <KeyRouterContext.Provider value={current}>{children}</KeyRouterContext.Provider>;
}

/** Receives raw key presses while active: through the router when there is one, else directly. */
export function useRawKeys(handler: RawKeyHandler, isActive = true): void {
	const router = useContext(KeyRouterContext);
	if (router && isActive) router.current = handler;
	useInput(handler, {isActive: isActive && router === null});
}
