// What `better-sqlite3` is inside the CLI's scripts (scripts/build.mjs): its JavaScript (ten small
// files) bundled, so a start does not find, read and compile each of them without the code cache.
// Its native addon still comes from node_modules (source/core/collection/sqlite.ts passes its path).
// The bundle is used only when the installed package is the version it was built from and its addon
// is where sqlite.ts passes it from (the addon's interface can change between versions, and without
// the path the bundled copy could not find the addon); else the installed package is loaded as it
// is. One process loads it once: the deck list's paint script and the app it hands over to share
// the first script's copy (two copies would each think the addon's set-up was theirs).
'use strict';

// The installed package, found at run time (a constant would make esbuild bundle it).
const installedPackage = ['better-sqlite3'][0];

function installedFolder() {
	const {existsSync} = require('node:fs');
	const path = require('node:path');
	// First where require('better-sqlite3') from dist/ looks first (a resolution costs a few ms).
	const beside = path.join(__dirname, '..', 'node_modules', 'better-sqlite3');
	if (existsSync(path.join(beside, 'package.json'))) return beside;
	try {
		return path.dirname(require.resolve(`${installedPackage}/package.json`));
	} catch {
		return undefined;
	}
}

function bundledFits() {
	const {existsSync, readFileSync} = require('node:fs');
	const path = require('node:path');
	const folder = installedFolder();
	if (folder === undefined) return false;
	try {
		// eslint-disable-next-line no-undef -- defined by scripts/build.mjs
		if (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).version !== BUNDLED_BETTER_SQLITE3_VERSION) return false;
	} catch {
		return false;
	}
	return existsSync(path.join(folder, 'build', 'Release', 'better_sqlite3.node'));
}

const shared = Symbol.for('anki-tui.better-sqlite3');
module.exports = globalThis[shared] ??= bundledFits() ? require('better-sqlite3') : require(installedPackage);
