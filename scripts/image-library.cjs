// The entry of dist/image-library.cjs (scripts/build.mjs): sharp's JavaScript (its own modules,
// semver, detect-libc, @img/colour) bundled into one script, so the first card image does not wait
// for Node to find, read and compile some forty small files. The built CLI's import('sharp')
// loads this script. sharp's native addon and libvips still come from node_modules at run time;
// the bundle is used only when the installed sharp is the version it was built from (the addon's
// interface can change between versions), else the installed package is loaded as it is.
'use strict';

// The installed package, found at run time (a constant would make esbuild bundle it).
const installedSharp = ['sharp'][0];

function installedVersion() {
	const {readFileSync} = require('node:fs');
	const path = require('node:path');
	// First where require('sharp') from dist/ looks first (no resolution: that costs ~5 ms of the
	// first image), then wherever Node's resolution finds it (a hoisted install).
	const places = [() => path.join(__dirname, '..', 'node_modules', 'sharp', 'package.json'), () => path.join(require.resolve(installedSharp), '..', '..', 'package.json')];
	for (const place of places) {
		try {
			return JSON.parse(readFileSync(place(), 'utf8')).version;
		} catch {
			// not there
		}
	}
	return undefined;
}

function load() {
	// eslint-disable-next-line no-undef -- defined by scripts/build.mjs
	if (installedVersion() === BUNDLED_SHARP_VERSION) {
		try {
			return require('sharp');
		} catch {
			// Its addon is not where the bundle looks (a nested install): the installed package finds it.
		}
	}
	return require(require.resolve(installedSharp));
}

module.exports = load();
