#!/usr/bin/env node
// Builds native/build/unicase.<so|dylib|dll>: the SQLite extension that gives better-sqlite3 Anki's
// `unicase` collation. Runs at `npm install` (with --if-missing: skip when the library is newer
// than its sources). The package also ships it prebuilt for the common platforms
// (native/prebuilt/<platform>-<arch>/); the local build, when there is one, is loaded first.
// Without a compiler (or when compiling fails) it falls back to the prebuilt library silently; only
// when there is neither does it print one warning, and it always exits 0: anki-tui then still reads
// packages, but refuses to open a live schema-18 collection (see collection/unicase.ts).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, renameSync, rmSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = [path.join(root, 'native', 'unicase.c'), path.join(root, 'native', 'casefold_table.h')];
const extension = process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so';
const output = path.join(root, 'native', 'build', `unicase.${extension}`);
const prebuilt = path.join(root, 'native', 'prebuilt', `${process.platform}-${process.arch}`, `unicase.${extension}`);

/** Without a local build: silent when the prebuilt library is there, else one warning line. */
function fallBack(message, details = '') {
	if (existsSync(prebuilt)) process.exit(0);
	if (details) process.stderr.write(details);
	console.warn(`anki-tui: warning: ${message}`);
	process.exit(0);
}

function upToDate() {
	if (!existsSync(output)) return false;
	const built = statSync(output).mtimeMs;
	return sources.every(file => statSync(file).mtimeMs <= built);
}

/** sqlite3ext.h: prefer the copy better-sqlite3 compiles against, so the API matches. */
function sqliteHeaderDir() {
	const candidates = [];
	try {
		const require = createRequire(path.join(root, 'package.json'));
		const pkg = path.dirname(require.resolve('better-sqlite3/package.json'));
		candidates.push(path.join(pkg, 'deps', 'sqlite3'));
	} catch {
		// better-sqlite3 not installed yet; fall back to system headers
	}
	candidates.push('/usr/include', '/usr/local/include', '/opt/homebrew/include');
	return candidates.find(dir => existsSync(path.join(dir, 'sqlite3ext.h')));
}

function findCompiler() {
	// Without the command line tools, macOS's cc/clang are stubs that pop up an installer dialog.
	if (process.platform === 'darwin' && !process.env.CC && spawnSync('xcode-select', ['-p'], {stdio: 'ignore'}).status !== 0) return undefined;
	const names = [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean);
	return names.find(name => spawnSync(name, ['--version'], {stdio: 'ignore', shell: process.platform === 'win32'}).status === 0);
}

if (!sources.every(file => existsSync(file))) {
	fallBack(`native sources are missing (${sources.join(', ')}); the unicase collation was not built.`);
}
if (process.argv.includes('--if-missing') && upToDate()) process.exit(0);

const compiler = findCompiler();
if (!compiler) {
	fallBack(`no C compiler found (cc/gcc/clang) and no prebuilt unicase library for ${process.platform}-${process.arch}, so the unicase collation is missing; live Anki 2.1.28+ collections cannot be opened until you install one and run \`npm rebuild anki-tui\`.`);
}
const headers = sqliteHeaderDir();
if (!headers) {
	fallBack('sqlite3ext.h not found (better-sqlite3 missing?); the unicase collation was not built. Run `npm rebuild anki-tui` after installing dependencies.');
}

mkdirSync(path.dirname(output), {recursive: true});
// Build beside the target and rename, so a running anki-tui never loads a half-written library.
const temporary = `${output}.${process.pid}.tmp`;
const args = ['-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-I', headers, '-I', path.join(root, 'native'), sources[0], '-o', temporary];
if (process.platform === 'darwin') args.splice(2, 1, '-dynamiclib');
const result = spawnSync(compiler, args, {stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8'});
if (result.status !== 0) {
	rmSync(temporary, {force: true});
	fallBack(`compiling native/unicase.c with ${compiler} failed; the unicase collation was not built. Fix the compiler error above and run \`npm rebuild anki-tui\`.`, result.stderr ?? '');
}
if (result.stderr) process.stderr.write(result.stderr);
renameSync(temporary, output);
console.log(`anki-tui: built ${path.relative(root, output)}`);
