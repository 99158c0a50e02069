// Start-up patches applied to two dependencies while bundling (scripts/build.mjs). Each replaces a
// piece of set-up done at load time by the same set-up done on first use; when the text is not found
// (a new version of the dependency), the module is bundled unchanged.
import {readFileSync} from 'node:fs';
import path from 'node:path';

export function patchMeowDependencies(source) {
	const eager = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
	const lazy = 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);';
	// A statement left over from a bundled dependency (read-package-up's async half): its only effect
	// is loading node:child_process, and with it net and stream, 10-25 ms of every command's start.
	// parse-json's code frame (@babel/code-frame, for a package.json that does not parse) set up at
	// load: picocolors asks process.stdout.isTTY, which makes Node build stdout's stream (5 ms).
	return source
		.replace(eager, () => lazy)
		.replace("import { execFile } from 'node:child_process';\n", () => '')
		.replace('promisify(execFile);\n', () => '')
		.replace('var libExports = requireLib$1();\n', () => '')
		.replace('return libExports.codeFrameColumns(', () => 'return requireLib$1().codeFrameColumns(');
}

export function patchStringWidth(source) {
	const lazySegmenter = [
		'let segmenterInstance;',
		'const segmenter = {segment: (text) => (segmenterInstance ??= new Intl.Segmenter()).segment(text)};',
	].join('\n');
	const lazyEmoji = [
		String.raw`const emojiCandidate = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3]/u;`,
		'let rgiInstance;',
		String.raw`const rgiEmojiRegex = {test: (text) => emojiCandidate.test(text) && (rgiInstance ??= /^\p{RGI_Emoji}$/v).test(text)};`,
	].join('\n');
	// Besides printable ASCII, text of code points that are each a grapheme of their own, visible and
	// never emoji on their own (Latin-1 and Latin Extended without the soft hyphen, general
	// punctuation without the zero-width and separator characters, arrows, box drawing and block
	// elements) is measured code point by code point with the same East Asian Width rule, without
	// the segmenter: the deck list's pointer and rules, accented names.
	const simpleFastPath = [
		'\t// Fast path: printable ASCII (0x20–0x7E) needs no segmenter, regex, or EAW lookup — width equals length.',
		'\tif (/^[\\u0020-\\u007E]*$/.test(string)) {',
		'\t\treturn string.length;',
		'\t}',
	].join('\n');
	const withSimple = [
		simpleFastPath,
		'',
		'\tif (/^[\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u259F]*$/.test(string)) {',
		'\t\tlet simpleWidth = 0;',
		'\t\tconst simpleOptions = {ambiguousAsWide: !ambiguousIsNarrow};',
		'\t\tfor (let index = 0; index < string.length; index++) simpleWidth += eastAsianWidth(string.charCodeAt(index), simpleOptions);',
		'\t\treturn simpleWidth;',
		'\t}',
	].join('\n');
	return source
		.replace('const segmenter = new Intl.Segmenter();', () => lazySegmenter)
		.replace(String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`, () => lazyEmoji)
		.replace(simpleFastPath, () => withSimple);
}

// meow's bundled dependencies set up normalize-package-data (semver, the SPDX license list) when
// they load, although meow only uses it if a command reads `cli.pkg`, which ours never does. Making
// that set-up lazy takes about a sixth off the start of every command. If meow's build ever changes,
// the text is simply not found and the bundle is built as it is.
export const lazyMeowNormalize = {
	name: 'lazy-meow-normalize',
	setup(build) {
		build.onLoad({filter: /meow[\\/]build[\\/]dependencies\.js$/}, (args) => {
			return {contents: patchMeowDependencies(readFileSync(args.path, 'utf8')), loader: 'js'};
		});
	},
};

// string-width (Ink measures every line with it) builds Intl.Segmenter and the \p{RGI_Emoji} regular
// expression when it loads: about 120 ms before the first frame. Build both on first use instead,
// and only test a cluster against the emoji expression when it holds a code point that can start an
// emoji (every RGI emoji sequence does), so box-drawing and CJK text never pay for it. The widths
// are unchanged; if the text is not found the module is bundled as it is.
export const lazyStringWidth = {
	name: 'lazy-string-width',
	setup(build) {
		build.onLoad({filter: /string-width[\\/]index\.js$/}, (args) => {
			return {contents: patchStringWidth(readFileSync(args.path, 'utf8')), loader: 'js'};
		});
	},
};


// The bundle is one script rather than ES modules (V8 caches a script's compiled code, see
// source/launch.ts), and a script cannot await at its top level. Two dependencies do:
//
// ink awaits its devtools and its package.json (the renderer's name for devtools) only when DEV=true,
// which our builds never use (react-devtools-core is replaced by a stub): the devtools load without
// being awaited, and the renderer goes unnamed.
export function patchInkReconciler(source) {
	return source
		.replace("        await import('./devtools.js');", () => "        import('./devtools.js').catch(() => {});")
		.replace('    ? await loadPackageJson()', () => '    ? { name: undefined, version: undefined }');
}

// yoga-layout compiles its WebAssembly layout engine at load (`wrapAssembly(await loadYoga())`).
// Instead the module exports an object that is filled in once the engine is ready, and publishes
// that moment as a promise (globalThis[Symbol.for('anki-tui.yoga')]); ui/layout-engine.ts awaits it
// before Ink lays out the first frame. The compile then runs on V8's background threads while the
// collection opens and the deck tree is counted.
export function patchYoga(source) {
	return source.replace(
		'const Yoga = wrapAssembly(await loadYoga());',
		() => "const Yoga = {};\nglobalThis[Symbol.for('anki-tui.yoga')] = loadYoga().then((assembly) => {\n  Object.assign(Yoga, wrapAssembly(assembly));\n});",
	);
}

// Ink cuts every line of a box with `overflow="hidden"` (every screen's body, ui/components/Frame.tsx)
// to the box with slice-ansi, which splits the line into graphemes with Intl.Segmenter: the largest
// part of drawing a frame. A line that already fits is kept as it is: Ink then reads it into the
// same styled characters as the cut copy (test/build/bundle-patches.test.ts checks this).
export function patchInkOutput(source) {
	return source.replace('return sliceAnsi(line, from, to);', () => 'return from === 0 && to >= width ? line : sliceAnsi(line, from, to);');
}

export const scriptFriendlyInk = {
	name: 'script-friendly-ink',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]reconciler\.js$/}, (args) => ({contents: patchInkReconciler(readFileSync(args.path, 'utf8')), loader: 'js'}));
		build.onLoad({filter: /ink[\\/]build[\\/]output\.js$/}, (args) => ({contents: patchInkOutput(readFileSync(args.path, 'utf8')), loader: 'js'}));
		build.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, (args) => ({contents: patchYoga(readFileSync(args.path, 'utf8')), loader: 'js'}));
	},
};

// A script of one scripting command (scripts/build.mjs): cli.tsx's lazy imports of the other
// commands' modules resolve to a stub, so their code (and the UI's: ink, react, yoga) is not in the
// script at all. The launcher sends only `anki-tui NAME ...` to that script; were anything else to
// reach it, the stub's import fails with a message instead of running the wrong code.
const sharedCommandModules = new Set(['open-input', 'flags', 'terminal-output', 'prompt-exit']);
export function onlyCommand(command) {
	return {
		name: `only-${command}`,
		setup(build) {
			build.onResolve({filter: /^\.\/commands\/[a-z-]+\.js$/}, (args) => {
				if (!/[\\/]source[\\/]cli\.tsx$/.test(args.importer)) return undefined;
				const name = /([a-z-]+)\.js$/.exec(args.path)[1];
				if (name === command || sharedCommandModules.has(name)) return undefined;
				return {path: name, namespace: 'left-out-command'};
			});
			build.onLoad({filter: /.*/, namespace: 'left-out-command'}, (args) => ({
				contents: `throw new Error(${JSON.stringify(`this script runs only \`anki-tui ${command}\`, not commands/${args.path}; start anki-tui with bin/anki-tui.js`)});`,
				loader: 'js',
			}));
		},
	};
}

// source/core/proto/load-runtime.ts imports the protobuf runtime (protobuf-es and the generated
// schemas) statically, which tests and tsx need. In the bundle the same function requires it on its
// first call instead: esbuild then evaluates those modules only when a blob is first read or
// written, and a schema-11 collection never pays for booting the descriptors.
export const lazyProtoRuntime = {
	name: 'lazy-proto-runtime',
	setup(build) {
		build.onLoad({filter: /[\\/]source[\\/]core[\\/]proto[\\/]load-runtime\.ts$/}, (args) => ({
			contents: "let runtime;\nexport const protoRuntime = () => (runtime ??= require('./runtime.ts'));\n",
			loader: 'ts',
			resolveDir: path.dirname(args.path),
		}));
	},
};

// sharp bundled into dist/image-library.cjs (scripts/image-library.cjs). Two changes while bundling:
// - the addon built from source is looked for in sharp's own folder (`src/build/Release`), found at
//   run time, not beside the bundle;
// - node:child_process and node:crypto, which sharp's libvips.js requires when it loads but uses only
//   to build or locate a global libvips at install time, are required on first use (about 10 ms of
//   the first image's load). If the text is not found (a new sharp), the module is bundled unchanged.
export function patchSharpAddonPath(source) {
	return source.replaceAll('require(`../src/build/Release/', () => "require(require('node:path').join(require.resolve('sharp'), '../../src/build/Release/') + `");
}

export function patchSharpLibvips(source) {
	return source
		.replace("const { spawnSync } = require('node:child_process');", () => "const spawnSync = (...args) => require('node:child_process').spawnSync(...args);")
		.replace("const { createHash } = require('node:crypto');", () => "const createHash = (...args) => require('node:crypto').createHash(...args);");
}

export const bundledSharp = {
	name: 'bundled-sharp',
	setup(build) {
		build.onLoad({filter: /sharp[\\/]dist[\\/]sharp\.cjs$/}, (args) => ({contents: patchSharpAddonPath(readFileSync(args.path, 'utf8')), loader: 'js'}));
		build.onLoad({filter: /sharp[\\/]dist[\\/]libvips\.cjs$/}, (args) => ({contents: patchSharpLibvips(readFileSync(args.path, 'utf8')), loader: 'js'}));
	},
};

// The app's `better-sqlite3` imports get scripts/better-sqlite3.cjs, which holds the package's
// JavaScript bundled (and falls back to the installed package).
export function bundledBetterSqlite3(root) {
	return {
		name: 'bundled-better-sqlite3',
		setup(build) {
			build.onResolve({filter: /^better-sqlite3$/}, (args) => {
				if (/[\\/]scripts[\\/]better-sqlite3\.cjs$/.test(args.importer)) return undefined;
				return {path: path.join(root, 'scripts', 'better-sqlite3.cjs')};
			});
		},
	};
}
