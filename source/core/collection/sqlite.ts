// Every SQLite connection is made here. better-sqlite3 finds its native addon through the
// `bindings` package, which reads a stack trace to find the package's folder and then tries a
// dozen paths with require()s that fail (each a module resolution and a thrown error) before the
// one npm builds into: a cost paid at the start of every command and of the deck browser. We give
// it that path (`nativeBinding`) when the addon is there; if not (an unusual build), better-sqlite3
// looks for it as it always does.
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';

let addonFile: string | null | undefined;

function nativeAddonFile(): string | null {
	if (addonFile !== undefined) return addonFile;
	addonFile = null;
	// Beside the built CLI (dist/../node_modules) is where require('better-sqlite3') looks first; a
	// file check there spares the resolution (a few ms of every start).
	const beside = fileURLToPath(new URL('../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));
	if (existsSync(beside)) return (addonFile = beside);
	try {
		const require = createRequire(import.meta.url);
		const file = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
		if (existsSync(file)) addonFile = file;
	} catch {
		// left to better-sqlite3's own search
	}
	return addonFile;
}

/** `new Database(file, options)` without better-sqlite3's search for its addon. */
export function openDatabase(file: string, options: Database.Options = {}): Database.Database {
	const nativeBinding = nativeAddonFile();
	return new Database(file, nativeBinding ? {...options, nativeBinding} : options);
}
