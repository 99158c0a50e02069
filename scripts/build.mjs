// Bundles the CLI with esbuild: one ESM entry plus lazily loaded chunks, so `decks --json` never
// pays for loading ink/react (a bundled entry starts about twice as fast as plain tsc output).
import {build} from 'esbuild';
import {renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Build beside dist and swap it in, so a CLI already running (or a test) never sees a half-built dist.
const staging = path.join(root, `dist.staging-${process.pid}`);
rmSync(staging, {recursive: true, force: true});


import {lazyMeowNormalize, lazyStringWidth} from './bundle-patches.mjs';

await build({
	absWorkingDir: root,
	// The media copy's worker thread is its own entry, beside the chunks that start it (media-copy.ts).
	entryPoints: {cli: 'source/cli.tsx', 'chunks/media-copy-worker': 'source/core/package/media-copy-worker.ts'},
	outdir: staging,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: 'linked',
	minify: false,
	legalComments: 'none',
	logLevel: 'warning',
	plugins: [lazyMeowNormalize, lazyStringWidth],
	chunkNames: 'chunks/[name]-[hash]',
	// Native addons are loaded from node_modules at run time.
	external: ['better-sqlite3', 'zstd-napi', 'sharp'],
	// ink only imports react-devtools-core when DEV is set; never ship it.
	alias: {'react-devtools-core': './scripts/stub-devtools.mjs', 'is-in-ci': './scripts/is-in-ci-tty.mjs'},
	// yoga-layout's emscripten loader tries fetch() on its inlined data: URL before decoding the
	// base64 itself; touching the global fetch makes Node load undici (tens of ms before the first
	// frame). Nothing else in the bundle uses the free identifier `fetch`.
	define: {'process.env.NODE_ENV': '"production"', fetch: 'undefined'},
	// Some bundled CommonJS dependencies call require(); give ESM output a real one.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});

const old = path.join(root, `dist.old-${process.pid}`);
try {
	renameSync(path.join(root, 'dist'), old);
} catch {}
renameSync(staging, path.join(root, 'dist'));
rmSync(old, {recursive: true, force: true});
