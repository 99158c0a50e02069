// The early paint in-process (commands/first-paint.ts paintEarly), with a terminal's streams: it
// writes the deck list and leaves its mark for the app; without a terminal, or with the paint turned
// off, it writes nothing; the collection file is left as it was.
import {copyFileSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {paintEarly} from '../../source/commands/first-paint.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const work = tempDir('anki-tui-paint-early-');
afterAll(() => work.cleanup());
afterEach(() => {
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('anki-tui.first-paint')];
});

function terminal(isTTY: boolean) {
	const written: string[] = [];
	const raw: boolean[] = [];
	const stdin = {isTTY, setRawMode: (on: boolean) => raw.push(on)} as unknown as NodeJS.ReadStream;
	const stdout = {isTTY, columns: 80, rows: 24, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream;
	return {stdin, stdout, written, raw};
}

function collection(): string {
	const file = path.join(work.dir, `${Math.random().toString(36).slice(2)}.anki2`);
	copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
	return file;
}

const env = {XDG_CONFIG_HOME: path.join(work.dir, 'config')};

describe('the early paint', () => {
	it('writes the deck list to a terminal, raw mode on, and marks when it painted; the file is unchanged', () => {
		const file = collection();
		const before = readFileSync(file);
		const t = terminal(true);
		expect(paintEarly(file, {noColor: true, env, stdin: t.stdin, stdout: t.stdout})).toBe(true);
		const text = t.written.join('');
		expect(text).toContain('\u001b[?1049h');
		expect(text).toMatch(/›\+ anki-tui demo\s+19\s+3\s+5/);
		expect(text).toContain('Enter study');
		expect(t.raw).toEqual([true]);
		expect(typeof (globalThis as Record<symbol, unknown>)[Symbol.for('anki-tui.first-paint')]).toBe('number');
		expect(readFileSync(file).equals(before)).toBe(true);
	});

	it('writes nothing without a terminal, or with ANKI_TUI_FIRST_PAINT=off', () => {
		const file = collection();
		for (const [t, extra] of [[terminal(false), {}], [terminal(true), {ANKI_TUI_FIRST_PAINT: 'off'}]] as const) {
			expect(paintEarly(file, {noColor: true, env: {...env, ...extra}, stdin: t.stdin, stdout: t.stdout})).toBe(false);
			expect(t.written).toEqual([]);
			expect(t.raw).toEqual([]);
		}
		expect((globalThis as Record<symbol, unknown>)[Symbol.for('anki-tui.first-paint')]).toBeUndefined();
	});
});
