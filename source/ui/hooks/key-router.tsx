// One stdin listener for the whole app. Screens register their handler while rendering, so a key
// pressed right after a screen change reaches the new screen (ink subscribes useInput listeners in
// an effect, which can run a moment after the first frame, and keys in between would be lost).
import React, {createContext, useContext, useRef, type MutableRefObject} from 'react';
import {useApp, useInput, type Key} from 'ink';

export type RawKeyHandler = (input: string, key: Key) => void;

const KeyRouterContext = createContext<MutableRefObject<RawKeyHandler | null> | null>(null);

export function KeyRouter({children, onKey}: {children: React.ReactNode; onKey?: () => void}): React.JSX.Element {
	const current = useRef<RawKeyHandler | null>(null);
	const {exit} = useApp();
	useInput((input, key) => {
		onKey?.();
		// ink only sees Ctrl+C when it arrives alone; in a burst ("i^C") it is still a quit.
		const ctrlC = input.length > 1 ? input.indexOf('\u0003') : -1;
		if (ctrlC >= 0) {
			if (ctrlC > 0) current.current?.(input.slice(0, ctrlC), key);
			exit();
			return;
		}
		current.current?.(input, key);
	});
	return <KeyRouterContext.Provider value={current}>{children}</KeyRouterContext.Provider>;
}

/** Receives raw key presses while active: through the router when there is one, else directly. */
export function useRawKeys(handler: RawKeyHandler, isActive = true): void {
	const router = useContext(KeyRouterContext);
	if (router && isActive) router.current = handler;
	useInput(handler, {isActive: isActive && router === null});
}
