import {describe, expect, it} from 'vitest';
import {buildBindings, defaultCommands, displayKey, helpRows, keyEventToSpec, normalizeKeySpec, resolveKey, type Bindings} from '../../source/ui/keys.js';

const defaults = structuredClone(defaultCommands) as Bindings;

describe('key specs', () => {
	it('normalizes the ways people write keys', () => {
		expect(normalizeKeySpec('Ctrl-Z')).toBe('ctrl+z');
		expect(normalizeKeySpec('C-z')).toBe('ctrl+z');
		expect(normalizeKeySpec('ctrl+Z')).toBe('ctrl+z');
		expect(normalizeKeySpec('Esc')).toBe('escape');
		expect(normalizeKeySpec('PgDn')).toBe('pagedown');
		expect(normalizeKeySpec('page-up')).toBe('pageup');
		expect(normalizeKeySpec(' ')).toBe('space');
		expect(normalizeKeySpec('f  1')).toBe('f 1');
		expect(normalizeKeySpec('G')).toBe('G');
		expect(normalizeKeySpec('-')).toBe('-');
	});

	it('turns ink key events into specs', () => {
		expect(keyEventToSpec(' ', {})).toBe('space');
		expect(keyEventToSpec('', {return: true})).toBe('enter');
		expect(keyEventToSpec('z', {ctrl: true})).toBe('ctrl+z');
		expect(keyEventToSpec('G', {shift: true})).toBe('G');
		expect(keyEventToSpec('@', {})).toBe('@');
		expect(keyEventToSpec('', {pageDown: true})).toBe('pagedown');
		expect(keyEventToSpec('', {escape: true, meta: true})).toBe('escape');
		expect(keyEventToSpec('', {})).toBeNull();
		// Ctrl+digit from terminals that can send it: kitty's CSI u (decoded by ink) and xterm's modifyOtherKeys.
		expect(keyEventToSpec('1', {ctrl: true})).toBe('ctrl+1');
		expect(keyEventToSpec('[27;5;51~', {})).toBe('ctrl+3');
		expect(keyEventToSpec('\u001B[27;5;55~', {})).toBe('ctrl+7');
	});

	it('uses Anki default keys and no function keys or Ctrl+H', () => {
		const all = Object.values(defaults).flatMap((c) => c.keys);
		expect(all.some((k) => /^f\d+$|ctrl\+h/i.test(k))).toBe(false);
		expect(resolveKey(defaults, ['review'], 'space')).toEqual({kind: 'command', command: 'review.flip'});
		expect(resolveKey(defaults, ['review'], '1')).toEqual({kind: 'command', command: 'review.again'});
		expect(resolveKey(defaults, ['review'], '4')).toEqual({kind: 'command', command: 'review.easy'});
		expect(resolveKey(defaults, ['review'], '=')).toEqual({kind: 'command', command: 'review.buryNote'});
		expect(resolveKey(defaults, ['review'], '!')).toEqual({kind: 'command', command: 'review.suspendNote'});
		expect(resolveKey(defaults, ['review'], 'ctrl+z')).toEqual({kind: 'command', command: 'review.undo'});
		expect(resolveKey(defaults, ['review'], 'ctrl+3')).toEqual({kind: 'command', command: 'review.flag3'});
	});

	it('resolves two-key prefixes and respects scope order', () => {
		expect(resolveKey(defaults, ['review'], 'f')).toEqual({kind: 'prefix', prefix: 'f'});
		expect(resolveKey(defaults, ['review'], '7', 'f')).toEqual({kind: 'command', command: 'review.flag7'});
		expect(resolveKey(defaults, ['review'], 'x', 'f')).toEqual({kind: 'none'});
		expect(resolveKey(defaults, ['decks', 'app'], 'j')).toEqual({kind: 'command', command: 'decks.down'});
		expect(resolveKey(defaults, ['review', 'scroll', 'app'], 'j')).toEqual({kind: 'command', command: 'scroll.down'});
		expect(resolveKey(defaults, ['app'], 'j')).toEqual({kind: 'none'});
	});
});

describe('user bindings', () => {
	it('replace the keys of a command and report unknown commands and bad values', () => {
		const {bindings, problems} = buildBindings({'review.again': ['a', 'Ctrl-A'], 'review.nope': 'x', 'review.hard': 3});
		expect(bindings['review.again'].keys).toEqual(['a', 'ctrl+a']);
		expect(resolveKey(bindings, ['review'], 'a')).toEqual({kind: 'command', command: 'review.again'});
		expect(resolveKey(bindings, ['review'], '1')).toEqual({kind: 'none'});
		expect(problems.map((p) => p.command)).toEqual(['review.nope', 'review.hard']);
		// Defaults are untouched.
		expect(defaultCommands['review.again'].keys).toEqual(['1']);
	});

	it('read the deck list ids of earlier versions (browser.*) as decks.*, unless the card browser has that command', () => {
		const {bindings, problems} = buildBindings({'browser.collapse': ['n'], 'browser.down': ['J'], 'browser.nope': 'x'});
		expect(problems.map((p) => p.command)).toEqual(['browser.nope']);
		expect(resolveKey(bindings, ['decks'], 'n')).toEqual({kind: 'command', command: 'decks.collapse'});
		expect(resolveKey(bindings, ['decks'], 'h')).toEqual({kind: 'none'});
		// An id that names a current command means that command: the card browser's Next row.
		expect(resolveKey(bindings, ['browser'], 'J')).toEqual({kind: 'command', command: 'browser.down'});
		expect(resolveKey(bindings, ['decks'], 'j')).toEqual({kind: 'command', command: 'decks.down'});
	});

	it('generate the help rows', () => {
		const rows = helpRows(defaults, ['decks']);
		expect(rows[0]).toEqual({command: 'decks.up', keys: '↑, k', description: 'Previous deck'});
		expect(displayKey('ctrl+z')).toBe('Ctrl+z');
		expect(displayKey('f 1')).toBe('f then 1');
	});
});
