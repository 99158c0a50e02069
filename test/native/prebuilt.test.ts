// The prebuilt unicase libraries shipped in the package: each is the file format and machine its
// folder claims, exports the entry point SQLite calls, needs no C library, and was built from the
// sources and recipes in this checkout. CI has no cross compilers: only the byte-for-byte rebuild
// check needs them, and it is skipped (with a notice) without them.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {inspectLibrary} from '../../scripts/lib/library-format.js';
import {ENTRY_POINT, MANIFEST, PREBUILT_DIR, PREBUILT_TARGETS, SOURCE_FILES, prebuiltProblems, type Manifest} from '../../scripts/lib/prebuilt-targets.js';
import {projectRoot} from '../helpers/shared.js';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, MANIFEST), 'utf8')) as Manifest;
const bytesOf = (key: string, file: string) => readFileSync(path.join(projectRoot, PREBUILT_DIR, key, file));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('prebuilt unicase libraries', () => {
	it('cover linux x64/arm64, macOS x64/arm64 and Windows x64', () => {
		expect(PREBUILT_TARGETS.map(t => t.key).sort()).toEqual(['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-x64']);
		expect(Object.keys(manifest.targets).sort()).toEqual(PREBUILT_TARGETS.map(t => t.key).sort());
	});

	it.each(PREBUILT_TARGETS.map(t => [t.key, t] as const))('%s: file format, machine, entry point and dependencies', (_key, target) => {
		const info = inspectLibrary(bytesOf(target.key, target.file));
		expect(info.format).toBe(target.format);
		expect(info.machine).toBe(target.machine);
		expect(info.shared).toBe(true);
		expect(info.exports).toEqual([ENTRY_POINT]);
		expect(info.needs).toEqual(target.format === 'macho' ? ['/usr/lib/libSystem.B.dylib'] : []);
		if (target.key === 'darwin-arm64') expect(info.codeSigned).toBe(true);
		if (target.format === 'macho') expect(info.minOs).toBe(target.machine === 'arm64' ? '11.0' : '10.15');
		expect(prebuiltProblems(target, bytesOf(target.key, target.file))).toEqual([]);
	});

	it('match the manifest byte for byte (sha256 and size)', () => {
		for (const target of PREBUILT_TARGETS) {
			const bytes = bytesOf(target.key, target.file);
			expect(manifest.targets[target.key]).toMatchObject({file: `${target.key}/${target.file}`, sha256: sha256(bytes), bytes: bytes.length});
		}
	});

	it('were built from the current native sources (else run `npm run prebuilt`)', () => {
		for (const file of SOURCE_FILES) {
			expect(manifest.sources[file], `${file} changed since the prebuilt libraries were built: run npm run prebuilt`).toBe(
				sha256(readFileSync(path.join(projectRoot, file))),
			);
		}
	});

	it('were built with the recipes scripts/lib/prebuilt-targets.ts gives now', () => {
		for (const target of PREBUILT_TARGETS) expect(manifest.targets[target.key]!.command).toEqual([target.compiler, ...target.args]);
	});

	const host = PREBUILT_TARGETS.find(t => t.key === `${process.platform}-${process.arch}`);
	it.skipIf(!host)('the one for this machine registers a unicase collation that folds as Anki does', () => {
		const db = new Database(':memory:');
		try {
			db.loadExtension(path.join(projectRoot, PREBUILT_DIR, host!.key, host!.file));
			const same = db.prepare('SELECT ? = ? COLLATE unicase').pluck();
			expect(same.get('Straße', 'STRASSE')).toBe(1);
			expect(same.get('Deck', 'Decks')).toBe(0);
		} finally {
			db.close();
		}
	});

	it('a file that is no library, or is cut short, is refused with a clear error', () => {
		expect(() => inspectLibrary(Buffer.from('#!/bin/sh\n'))).toThrow(/not a shared library this reader knows/);
		const elf = bytesOf('linux-x64', 'unicase.so');
		expect(() => inspectLibrary(elf.subarray(0, 200))).toThrow(/truncated library/);
	});
});

// Rebuilding needs the exact compilers the manifest names; elsewhere the check would only report
// a different compiler, so it runs only where they match.
const compilersMatch = PREBUILT_TARGETS.every(t => {
	const result = spawnSync(t.compiler, ['--version'], {encoding: 'utf8'});
	return result.status === 0 && result.stdout.split('\n')[0]!.trim() === manifest.targets[t.key]?.compiler;
});
if (!compilersMatch) console.warn('NOTICE: the cross compilers named in native/prebuilt/manifest.json are absent; the byte-for-byte rebuild check is skipped.');

describe.skipIf(!compilersMatch)('scripts/build-prebuilt.ts --check', () => {
	it('rebuilds every library byte for byte', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-prebuilt.ts', '--check'], {cwd: projectRoot, encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/all 5 libraries rebuild byte for byte/);
		expect(result.status).toBe(0);
	});
});
