// State that outlives its component while an owner lives: the help overlay takes the screen's
// place, so a form drawn again after it would start blank. Kept per owner (the screen's route,
// which the stack holds until the screen is left) and dropped with it.
import {useRef, useState} from 'react';

const kept = new WeakMap<object, Map<string, unknown>>();

export function useKeptState<T>(owner: object | undefined, key: string, init: () => T): [T, (value: T) => void] {
	const own = useRef<object>({});
	const holder = owner ?? own.current;
	const [value, setValue] = useState<T>(() => {
		const saved = kept.get(holder);
		return saved?.has(key) ? (saved.get(key) as T) : init();
	});
	const set = (next: T) => {
		let saved = kept.get(holder);
		if (!saved) kept.set(holder, (saved = new Map()));
		saved.set(key, next);
		setValue(next);
	};
	return [value, set];
}
