// How each prebuilt unicase extension is built (scripts/build-prebuilt.ts): one cross compiler
// from Debian's packages per platform, run from the project root with relative paths so the
// output does not depend on where the checkout lives. The manifest records these recipes; a test
// fails when they change without the binaries being rebuilt.
import {inspectLibrary, type LibraryFormat, type LibraryInfo, type Machine} from './library-format.js';

export interface PrebuiltTarget {
	/** `${process.platform}-${process.arch}`, the folder under native/prebuilt/. */
	key: string;
	file: string;
	format: LibraryFormat;
	machine: Machine;
	/** Debian package that provides the compiler. */
	package: string;
	compiler: string;
	/** Compiler arguments, run from the project root; the builder appends `-o <folder>/<file>`. */
	args: string[];
}

export const SOURCE_FILES = ['native/unicase.c', 'native/casefold_table.h'];
/** The SQLite extension header the extension is compiled against (better-sqlite3's copy). */
export const SQLITE_HEADER_DIR = 'node_modules/better-sqlite3/deps/sqlite3';
export const PREBUILT_DIR = 'native/prebuilt';
export const MANIFEST = `${PREBUILT_DIR}/manifest.json`;

// Self-contained: no C library (the extension calls only SQLite, through the API table SQLite
// hands it), so one Linux binary serves glibc and musl alike; the entry point is its only export.
const compile = ['-std=c99', '-O2', '-fvisibility=hidden', '-fno-stack-protector', '-fno-ident', '-nostdlib', '-shared'];
const includes = ['-I', 'native', '-I', SQLITE_HEADER_DIR];
// No build id, code and data in as few pages as the page size allows (64 KiB alignment stays for
// arm64 kernels with large pages), every symbol resolved at link time.
const elf = ['-fPIC', '-s', '-Wl,-z,defs', '-Wl,--build-id=none', '-Wl,--hash-style=both', '-Wl,-z,noseparate-code', '-Wl,-z,norelro'];
// lld writes a content-derived LC_UUID and, for arm64, the ad-hoc code signature macOS requires.
// libSystem.B.tbd stands in for the SDK: dyld refuses a dylib that links no libSystem.
const macho = ['-fPIC', '-fuse-ld=lld', '-Wl,-undefined,error', '-Wl,-install_name,@rpath/unicase.dylib', 'scripts/prebuilt/libSystem.B.tbd'];
// No timestamp, a fixed preferred base (the automatic one hashes the output path; ASLR relocates it
// anyway) and no entry point (a DLL may have none: Windows then calls nothing on load).
const pe = ['-s', '-Wl,--no-undefined', '-Wl,--no-insert-timestamp', '-Wl,--disable-auto-image-base', '-Wl,--entry=0'];

function target(key: string, file: string, format: LibraryFormat, machine: Machine, pkg: string, compiler: string, extra: string[], flags: string[]): PrebuiltTarget {
	return {key, file, format, machine, package: pkg, compiler, args: [...extra, ...compile, ...flags, ...includes, SOURCE_FILES[0]!]};
}

export const PREBUILT_TARGETS: PrebuiltTarget[] = [
	target('linux-x64', 'unicase.so', 'elf', 'x64', 'gcc (gcc-x86-64-linux-gnu elsewhere)', 'x86_64-linux-gnu-gcc', [], elf),
	target('linux-arm64', 'unicase.so', 'elf', 'arm64', 'gcc-aarch64-linux-gnu', 'aarch64-linux-gnu-gcc', [], elf),
	target('darwin-x64', 'unicase.dylib', 'macho', 'x64', 'clang lld', 'clang', ['-target', 'x86_64-apple-macos10.15'], macho),
	target('darwin-arm64', 'unicase.dylib', 'macho', 'arm64', 'clang lld', 'clang', ['-target', 'arm64-apple-macos11.0'], macho),
	target('win32-x64', 'unicase.dll', 'pe', 'x64', 'gcc-mingw-w64-x86-64-win32', 'x86_64-w64-mingw32-gcc', [], pe),
];

/** What every prebuilt library must export: the entry point SQLite derives from the file name. */
export const ENTRY_POINT = 'sqlite3_unicase_init';

export interface Manifest {
	/** sha256 of each file in SOURCE_FILES, as built. */
	sources: Record<string, string>;
	/** sha256 of the SQLite extension header used, and the better-sqlite3 version it came from. */
	sqliteHeader: {betterSqlite3: string; sha256: string};
	targets: Record<string, {file: string; sha256: string; bytes: number; compiler: string; command: string[]}>;
}

/** What is wrong with a built library for this target (empty when it is fit to ship). */
export function prebuiltProblems(target: PrebuiltTarget, bytes: Buffer): string[] {
	let info: LibraryInfo;
	try {
		info = inspectLibrary(bytes);
	} catch (error) {
		return [`${target.key}: ${(error as Error).message}`];
	}
	const problems: string[] = [];
	const expect = (ok: boolean, what: string) => {
		if (!ok) problems.push(`${target.key}: ${what}`);
	};
	expect(info.format === target.format, `format is ${info.format}, not ${target.format}`);
	expect(info.machine === target.machine, `machine is ${info.machine}, not ${target.machine}`);
	expect(info.shared, 'not a shared library');
	expect(info.exports.length === 1 && info.exports[0] === ENTRY_POINT, `exports [${info.exports.join(', ')}], not just ${ENTRY_POINT}`);
	// Linux and Windows: no dependency at all. macOS: libSystem only (dyld insists on it).
	const allowed = target.format === 'macho' ? ['/usr/lib/libSystem.B.dylib'] : [];
	expect(info.needs.join('\n') === allowed.join('\n'), `depends on [${info.needs.join(', ')}], expected [${allowed.join(', ')}]`);
	if (target.format === 'macho' && target.machine === 'arm64') expect(info.codeSigned === true, 'has no code signature (arm64 macOS would refuse it)');
	return problems;
}
