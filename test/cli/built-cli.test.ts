// The built CLI the tests run is rebuilt when any bundle input is newer than it.
import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {staleBundleInputs} from '../helpers/built-cli.js';
import {tempDir} from '../helpers/shared.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function tree(): {root: string; touch: (file: string, secondsAgo: number) => void} {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const touch = (file: string, secondsAgo: number) => {
		const full = path.join(t.dir, file);
		mkdirSync(path.dirname(full), {recursive: true});
		writeFileSync(full, '');
		const when = Date.now() / 1000 - secondsAgo;
		utimesSync(full, when, when);
	};
	return {root: t.dir, touch};
}

describe('staleBundleInputs', () => {
	it('no build: every input is stale', () => {
		const {root, touch} = tree();
		touch('source/cli.tsx', 100);
		touch('package.json', 100);
		expect(staleBundleInputs(root)).toEqual(['source', 'package.json']);
	});
	it('a source file deep in source/ edited after the build makes it stale; nothing newer, fresh', () => {
		const {root, touch} = tree();
		touch('source/cli.tsx', 100);
		touch('source/core/scheduler/fuzz.ts', 100);
		touch('scripts/build.mjs', 100);
		touch('dist/cli.cjs', 50);
		expect(staleBundleInputs(root)).toEqual([]);
		touch('source/core/scheduler/fuzz.ts', 10);
		expect(staleBundleInputs(root)).toEqual(['source']);
		touch('scripts/build.mjs', 5);
		expect(staleBundleInputs(root)).toEqual(['source', 'scripts/build.mjs']);
		touch('dist/cli.cjs', 1);
		expect(staleBundleInputs(root)).toEqual([]);
	});
});
