// Bundles the CLI with esbuild into one script, dist/cli.cjs, which bin/anki-tui.js starts through
// dist/launch.cjs (source/launch.ts) with V8's code cache: a script, unlike ES modules, can be given
// the compiled code of an earlier run on Node 20. Modules reached only through import() (the
// commands, the reviewer's UI) are bundled as lazily evaluated functions, so `decks --json` never
// runs ink or react. The media copy's worker thread is a second script, dist/media-copy-worker.cjs.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {bundledBetterSqlite3, bundledSharp, lazyMeowNormalize, lazyProtoRuntime, lazyStringWidth, onlyCommand, scriptFriendlyInk} from './bundle-patches.mjs';
import {prebuiltProtoDescriptor} from './proto-descriptor.mjs';

// import('sharp') in the CLI loads the bundled image library beside the script, with its code cache
// (source/image-library.ts).
const sharpBesideTheScript = {
	name: 'sharp-beside-the-script',
	setup(build) {
		build.onResolve({filter: /^sharp$/, namespace: 'file'}, (args) => (args.importer.endsWith(path.join('source', 'image-library.ts')) ? undefined : {path: path.join(root, 'source', 'image-library.ts')}));
	},
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Build beside dist and swap it in, so a CLI already running (or a test) never sees a half-built dist.
const staging = path.join(root, `dist.staging-${process.pid}`);
rmSync(staging, {recursive: true, force: true});

const shared = {
	absWorkingDir: root,
	outdir: staging,
	bundle: true,
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'linked',
	// Whitespace and syntax only: names stay readable in --debug stack traces, and the script to read
	// at every start is a third smaller.
	minifyWhitespace: true,
	minifySyntax: true,
	legalComments: 'none',
	logLevel: 'warning',
};

const cliOptions = {
	...shared,
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	// import() of a bundled module becomes a lazily evaluated function, of an external one require().
	supported: {'dynamic-import': false},
	plugins: [lazyMeowNormalize, lazyStringWidth, scriptFriendlyInk, lazyProtoRuntime, prebuiltProtoDescriptor, sharpBesideTheScript, bundledBetterSqlite3(root)],
	// Native addons (and the FSRS optimiser's, which picks its platform's .node file) are loaded from
	// node_modules at run time (CommonJS, so require() can load them). better-sqlite3's JavaScript is
	// bundled (scripts/better-sqlite3.cjs); `bindings`, which it needs only without the addon's path,
	// stays outside.
	external: ['bindings', 'zstd-napi', '@open-spaced-repetition/binding'],
	// ink only imports react-devtools-core when DEV is set; never ship it.
	alias: {'react-devtools-core': './scripts/stub-devtools.mjs', 'is-in-ci': './scripts/is-in-ci-tty.mjs'},
	define: {
		'process.env.NODE_ENV': '"production"',
		BUNDLED_BETTER_SQLITE3_VERSION: JSON.stringify(JSON.parse(readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version),
		// yoga-layout's emscripten loader tries fetch() on its inlined data: URL before decoding the
		// base64 itself; touching the global fetch makes Node load undici (tens of ms before the first
		// frame). Nothing else in the bundle uses the free identifier `fetch`.
		fetch: 'undefined',
		// Sources that find files beside themselves (meow's package.json, native libraries, the
		// worker) use import.meta.url: in the script it is the script's own URL.
		'import.meta.url': '__bundleUrl',
		'import.meta': '__bundleMeta',
	},
	banner: {js: '"use strict";' + "const __bundleUrl = require('node:url').pathToFileURL(__filename).href; const __bundleMeta = {url: __bundleUrl};"},
};

await build({...cliOptions, entryPoints: {cli: 'source/cli.tsx', 'media-copy-worker': 'source/core/package/media-copy-worker.ts'}});

// Scripting commands get a script of their own, dist/cli-NAME.cjs: cli.tsx with every other command
// left out, which the launcher runs for `anki-tui NAME ...`. A start then reads and maps a few hundred
// kB instead of the whole 1.8 MB app (about 45 ms of a `decks --json` on a 2-core VM). The other
// commands' modules become a stub that refuses to run (the launcher never sends them there). `import`
// has one too: a 100k-card import starts about 60 ms of CPU sooner (its media worker, dist/media-copy-
// worker.cjs, is found beside whichever script runs).
const ownScript = ['decks', 'search', 'show', 'stats', 'import'];
for (const command of ownScript) {
	await build({
		...cliOptions,
		entryPoints: {[`cli-${command}`]: 'source/cli.tsx'},
		plugins: [...cliOptions.plugins, onlyCommand(command)],
	});
}

// The deck list's early paint (source/paint-entry.ts, commands/first-paint.ts): the launcher runs
// this small script before the whole CLI when the start may show the deck list.
await build({...cliOptions, entryPoints: {'cli-paint': 'source/paint-entry.ts'}});

// The image library, sharp (scripts/image-library.cjs): its JavaScript in one script beside the CLI,
// loaded on the first card image; its addons (@img/sharp-<platform>, libvips) stay in node_modules.
await build({
	...shared,
	entryPoints: {'image-library': 'scripts/image-library.cjs'},
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	plugins: [bundledSharp],
	external: ['@img/sharp-*'],
	define: {BUNDLED_SHARP_VERSION: JSON.stringify(JSON.parse(readFileSync(path.join(root, 'node_modules/sharp/package.json'), 'utf8')).version)},
});

// The launcher is CommonJS too (bin/anki-tui.js is, through bin/package.json): Node then starts
// without its ES module loader, which costs every start about 20 ms of CPU.
await build({
	...shared,
	entryPoints: {launch: 'source/launch.ts'},
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	define: {'import.meta.url': '__bundleUrl'},
	banner: {js: '"use strict";' + "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;"},
});

// The code cache is keyed by this hash of the script (source/launch.ts reads it from the first
// line); the source map moves down the line it adds.
for (const name of ['cli', ...ownScript.map((command) => `cli-${command}`), 'cli-paint', 'image-library']) {
	const script = path.join(staging, `${name}.cjs`);
	const body = readFileSync(script, 'latin1');
	writeFileSync(script, `// anki-tui ${createHash('sha256').update(body).digest('hex').slice(0, 32)}\n${body}`, 'latin1');
	const map = JSON.parse(readFileSync(`${script}.map`, 'utf8'));
	writeFileSync(`${script}.map`, JSON.stringify({...map, mappings: `;${map.mappings}`}));
}

const old = path.join(root, `dist.old-${process.pid}`);
try {
	renameSync(path.join(root, 'dist'), old);
} catch {}
renameSync(staging, path.join(root, 'dist'));
rmSync(old, {recursive: true, force: true});
