// Starts the CLI script (dist/cli.cjs) with V8's code cache: the code compiled by an earlier run is
// handed to V8 with the script, so a start compiles almost nothing (on Node 20, where ES modules have
// no compile cache). A cache belongs to one build of the script (the hash on its first line, written
// by scripts/build.mjs), one Node version and one kind of run, because the reviewer's UI and each
// scripting command run different code. It lives in anki-tui's cache folder; a missing, stale,
// rejected or unwritable cache only costs the compile, and a new one is written after a run that
// ends well, replacing the stale ones.
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';
import {cacheDir} from './core/paths.js';

export interface LaunchOptions {
	/** The CLI script. */
	script: string;
	/** Where cache files go; undefined: no code cache. */
	cacheFolder: string | undefined;
	/** Which code this run uses (see runKind). */
	kind: string;
}

export interface Launched {
	/** 'used': V8 took the cache; 'rejected': it did not (Node or V8 flags changed); 'none': there was none. */
	cache: 'used' | 'rejected' | 'none';
	/** Writes a cache for the next run if this one had none to use (called on a successful exit). */
	save(): void;
	/** What the script exported (module.exports). */
	exports: unknown;
}

/** The UI for `anki-tui` and `anki-tui review`, else the command's name (a plain word first). */
export function runKind(args: readonly string[]): string {
	const first = args[0];
	return first === undefined || first === 'review' || !/^[a-z]+$/.test(first) ? 'ui' : first;
}

/** The build hash on the script's first line (`// anki-tui <hash>`). */
export function buildHash(source: string): string | undefined {
	return /^\/\/ anki-tui ([0-9a-f]{16,64})\n/.exec(source)?.[1];
}

function cacheFileName(kind: string, hash: string): string {
	return `${kind}-${hash}-${process.version}-${process.arch}.bin`;
}

/** Compiles and runs the script as CommonJS, with the cache when one is there. */
export function launch(options: LaunchOptions): Launched {
	// The script is ASCII (esbuild escapes the rest), so no decoding pass is needed.
	const source = readFileSync(options.script).toString('latin1');
	const hash = buildHash(source);
	const folder = hash === undefined ? undefined : options.cacheFolder;
	const cacheFile = folder && path.join(folder, cacheFileName(options.kind, hash!));
	let cachedData: Buffer | undefined;
	try {
		if (cacheFile) cachedData = readFileSync(cacheFile);
	} catch {
		// no cache yet
	}
	const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
		filename: options.script,
		cachedData,
	});
	const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
	const module = {exports: {}};
	(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(options.script), module, options.script, path.dirname(options.script));
	return {
		cache,
		exports: module.exports,
		save() {
			if (!folder || !cacheFile || cache === 'used') return;
			try {
				mkdirSync(folder, {recursive: true});
				const partial = `${cacheFile}.${process.pid}.partial`;
				writeFileSync(partial, script.createCachedData());
				renameSync(partial, cacheFile);
				// Caches of other builds or Node versions for this kind of run are stale now.
				for (const name of readdirSync(folder)) {
					if (name.startsWith(`${options.kind}-`) && name.endsWith('.bin') && name !== path.basename(cacheFile)) rmSync(path.join(folder, name), {force: true});
				}
			} catch {
				// An unwritable cache folder only means the next start compiles again.
			}
		},
	};
}

/**
 * The script for this kind of run: a scripting command with a script of its own (dist/cli-NAME.cjs,
 * see scripts/build.mjs) runs that, which holds only its own code; everything else runs dist/cli.cjs.
 */
export function scriptFor(folder: string, kind: string): string {
	const own = path.join(folder, `cli-${kind}.cjs`);
	return kind !== 'ui' && existsSync(own) ? own : path.join(folder, 'cli.cjs');
}

/** Runs a script with its code cache in anki-tui's cache folder, saved on a successful exit (the CLI, and the image library it loads: source/image-library.ts). */
export function launchCached(script: string, kind: string): Launched {
	const noCache = process.env['ANKI_TUI_CODE_CACHE'] === 'off';
	const launched = launch({script, cacheFolder: noCache ? undefined : path.join(cacheDir(), 'code-cache'), kind});
	process.once('exit', (code) => {
		if (code === 0) launched.save();
	});
	return launched;
}

/** bin/anki-tui.js: the CLI beside this file. */
export function main(): void {
	const kind = runKind(process.argv.slice(2));
	const folder = path.dirname(fileURLToPath(import.meta.url));
	// The deck list's early paint (source/paint-entry.ts) from its small script, before the whole
	// app is read; whatever happens there, the app starts as it would without it.
	const paint = path.join(folder, 'cli-paint.cjs');
	if (kind === 'ui' && existsSync(paint)) {
		try {
			launchCached(paint, 'paint');
		} catch {
			// the app paints (or reports) itself
		}
	}
	launchCached(scriptFor(folder, kind), kind);
}
