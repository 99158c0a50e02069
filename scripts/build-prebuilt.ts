// Builds the prebuilt unicase extensions shipped in the npm package (native/prebuilt/<platform>-<arch>/)
// with cross compilers from Debian's packages, checks each one's format, machine, exports and
// dependencies, and writes native/prebuilt/manifest.json (sha256 of the sources and binaries, and
// the exact commands). `npm run prebuilt` after changing native/unicase.c or casefold_table.h.
//
//   node --import tsx scripts/build-prebuilt.ts          rebuild and write
//   node --import tsx scripts/build-prebuilt.ts --check  rebuild in a temp folder and compare
//
// Needs: apt-get install gcc-aarch64-linux-gnu gcc-mingw-w64-x86-64-win32 clang lld (and gcc).
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {MANIFEST, PREBUILT_DIR, PREBUILT_TARGETS, SOURCE_FILES, SQLITE_HEADER_DIR, prebuiltProblems, type Manifest} from './lib/prebuilt-targets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fileSha = (file: string) => sha256(readFileSync(path.join(root, file)));

function compilerVersion(compiler: string): string | undefined {
	const result = spawnSync(compiler, ['--version'], {encoding: 'utf8'});
	return result.status === 0 ? result.stdout.split('\n')[0]!.trim() : undefined;
}

function fail(message: string): never {
	console.error(`build-prebuilt: ${message}`);
	process.exit(1);
}

const missing = PREBUILT_TARGETS.filter(t => !compilerVersion(t.compiler));
if (missing.length > 0) {
	fail(`missing compilers: ${missing.map(t => `${t.compiler} (${t.package})`).join(', ')}; apt-get install them and retry.`);
}

const out = mkdtempSync(path.join(tmpdir(), 'anki-tui-prebuilt-'));
const manifest: Manifest = {
	sources: Object.fromEntries(SOURCE_FILES.map(file => [file, fileSha(file)])),
	sqliteHeader: {
		betterSqlite3: (createRequire(path.join(root, 'package.json'))('better-sqlite3/package.json') as {version: string}).version,
		sha256: fileSha(`${SQLITE_HEADER_DIR}/sqlite3ext.h`),
	},
	targets: {},
};
const problems: string[] = [];
try {
	for (const target of PREBUILT_TARGETS) {
		// The output keeps its final name: Mach-O signatures and PE export tables record it.
		const file = path.join(out, target.key, target.file);
		mkdirSync(path.dirname(file), {recursive: true});
		const result = spawnSync(target.compiler, [...target.args, '-o', file], {cwd: root, encoding: 'utf8'});
		if (result.status !== 0) fail(`${target.key}: ${target.compiler} failed:\n${result.stderr}`);
		const bytes = readFileSync(file);
		problems.push(...prebuiltProblems(target, bytes));
		manifest.targets[target.key] = {
			file: `${target.key}/${target.file}`,
			sha256: sha256(bytes),
			bytes: bytes.length,
			compiler: compilerVersion(target.compiler)!,
			command: [target.compiler, ...target.args],
		};
	}
	if (problems.length > 0) fail(`built libraries are not fit to ship:\n  ${problems.join('\n  ')}`);

	if (check) {
		const committed = JSON.parse(readFileSync(path.join(root, MANIFEST), 'utf8')) as Manifest;
		const differences = PREBUILT_TARGETS.filter(t => {
			const shipped = readFileSync(path.join(root, PREBUILT_DIR, t.key, t.file));
			return sha256(shipped) !== manifest.targets[t.key]!.sha256 || committed.targets[t.key]?.sha256 !== manifest.targets[t.key]!.sha256;
		});
		if (differences.length > 0) {
			fail(`rebuilding gives different bytes for ${differences.map(t => t.key).join(', ')} (compilers: ${differences.map(t => manifest.targets[t.key]!.compiler).join('; ')})`);
		}
		console.log(`build-prebuilt: all ${PREBUILT_TARGETS.length} libraries rebuild byte for byte`);
	} else {
		for (const target of PREBUILT_TARGETS) {
			const dest = path.join(root, PREBUILT_DIR, target.key, target.file);
			mkdirSync(path.dirname(dest), {recursive: true});
			copyFileSync(path.join(out, target.key, target.file), dest);
			console.log(`build-prebuilt: ${path.relative(root, dest)} ${manifest.targets[target.key]!.bytes} bytes`);
		}
		writeFileSync(path.join(root, MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`);
	}
} finally {
	rmSync(out, {recursive: true, force: true});
}
