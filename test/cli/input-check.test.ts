// Every command x every kind of bad input, through the built CLI, each run in a fresh HOME (XDG
// dirs and TMPDIR inside it): one line on stderr naming the file, exit 2 (3 for a collection another
// program holds), no stack trace, and nothing written: the sandbox stays empty and the folder of
// the bad inputs (collections included) is byte for byte as it was. Runs go five at a time.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {holdAsAnki} from '../profiles/anki-layout.js';
import {makeAnkiBase} from '../profiles/anki-layout.js';
import {buildZip, storedEntry} from '../helpers/zip.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {commands} from '../../source/commands/flags.js';
import {canDropToNobody, ensureBuilt, nobodyUnavailable, runCliAsync, runsAsRoot} from './run-cli.js';

const work = tempDir('anki-tui-input-');
chmodSync(work.dir, 0o755); // `nobody` must reach the unreadable file to be refused by its mode
const at = (...parts: string[]) => path.join(work.dir, ...parts);
const schema11 = path.join(projectRoot, 'fixtures', 'schema11.anki2');
const goodPackage = path.join(projectRoot, 'fixtures', 'latest.apkg');

interface BadInput {
	name: string;
	/** Creates the input; returns its path. */
	make: () => string;
	/** What the line says (besides naming the file), in whichever command's words. */
	says: RegExp;
	exit?: number;
	asNobody?: boolean;
}

const collectionCopy = (target: string, ver?: number) => {
	copyFileSync(schema11, target);
	if (ver !== undefined) {
		const db = new Database(target);
		db.prepare('UPDATE col SET ver = ?').run(ver);
		db.close();
	}
	return target;
};

const unreadableSkipped = runsAsRoot && !canDropToNobody;
if (unreadableSkipped) console.warn(`NOTICE: running as root and ${nobodyUnavailable}: the unreadable-file row is skipped.`);

const inputs: BadInput[] = [
	{name: 'a missing file', make: () => at('missing.apkg'), says: /no such file|no collection yet/},
	{name: 'a folder', make: () => (mkdirSync(at('folder.apkg')), at('folder.apkg')), says: /is a folder|neither an Anki package/},
	{name: 'an empty file', make: () => (writeFileSync(at('empty.apkg'), ''), at('empty.apkg')), says: /is empty/},
	{name: 'plain text', make: () => (writeFileSync(at('plain.anki2'), 'just some text\n'), at('plain.anki2')), says: /neither an Anki package|not an Anki collection/},
	{
		name: 'a truncated zip',
		make: () => {
			const bytes = readFileSync(goodPackage);
			writeFileSync(at('half.apkg'), bytes.subarray(0, Math.floor(bytes.length / 2)));
			return at('half.apkg');
		},
		says: /damaged|is a package|zip archive/,
	},
	{
		name: 'a zip without a collection',
		make: () => (writeFileSync(at('nocol.apkg'), buildZip([storedEntry('media', '{}'), storedEntry('0', 'hello')])), at('nocol.apkg')),
		says: /holds no Anki collection|is a package|zip archive/,
	},
	{
		name: 'a SQLite file that is not a collection',
		make: () => {
			const db = new Database(at('other.anki2'));
			db.exec('CREATE TABLE t (x)');
			db.close();
			return at('other.anki2');
		},
		says: /not an Anki collection/,
	},
	{name: 'a collection from a newer Anki', make: () => collectionCopy(at('newer.anki2'), 19), says: /This collection requires a newer version of Anki to open/},
	{
		name: 'an unreadable file',
		make: () => {
			collectionCopy(at('secret.anki2'));
			chmodSync(at('secret.anki2'), 0o000);
			return at('secret.anki2');
		},
		says: /cannot be read \(permission denied\)/,
		asNobody: true,
	},
	{name: 'a FIFO', make: () => (execFileSync('mkfifo', [at('pipe.anki2')]), at('pipe.anki2')), says: /not a regular file/},
	{
		name: 'plain text at a path with spaces and non-ASCII',
		make: () => {
			mkdirSync(at('Été 2026'));
			writeFileSync(at('Été 2026', 'mes cartes ü.apkg'), 'pas un paquet\n');
			return at('Été 2026', 'mes cartes ü.apkg');
		},
		says: /neither an Anki package|not an Anki collection/,
	},
	{name: 'a collection another program holds', make: () => collectionCopy(at('locked.anki2')), says: /open in another program/, exit: 3},
];

interface Invocation {
	name: string;
	args: (file: string) => string[];
	stdin?: string;
}

/** Each command, given the bad input the way it takes a file (FILE, --collection, --profile). */
const invocations: Invocation[] = [
	{name: 'review FILE', args: f => ['review', f]},
	{name: 'review --collection', args: f => ['review', '--collection', f]},
	{name: 'decks FILE', args: f => ['decks', f]},
	{name: 'decks --collection', args: f => ['decks', '--collection', f, '--json']},
	{name: 'show FILE', args: f => ['show', f, '--json']},
	{name: 'search FILE', args: f => ['search', f, 'deck:x']},
	{name: 'stats FILE', args: f => ['stats', f, '--json']},
	{name: 'import FILE', args: f => ['import', f]},
	{name: 'import --collection', args: f => ['import', goodPackage, '--collection', f]},
	{name: 'deck FILE', args: f => ['deck', 'create', f, 'New deck']},
	{name: 'filtered FILE', args: f => ['filtered', 'create', f, 'Cram', '--search', 'is:due']},
	{name: 'custom-study FILE', args: f => ['custom-study', f, 'Default', '--new', '5']},
	{name: 'options FILE', args: f => ['options', f, 'Default']},
	{name: 'edit --collection', args: f => ['edit', '1', '--collection', f, '--field', 'Front=x']},
	{name: 'add --collection', args: f => ['add', '--collection', f, '--field', 'Front=x']},
	{name: 'sync --collection', args: f => ['sync', '--collection', f, '--endpoint', 'http://127.0.0.1:9/', '--user', 'u', '--password-stdin'], stdin: 'pw\n'},
];

const made = new Map<string, string>();
const bases = new Map<string, string>();
let holder: Awaited<ReturnType<typeof holdAsAnki>> | undefined;
let before: Record<string, string> = {};

/** Every file under the work folder with its type and content hash (FIFOs and folders by kind). */
function snapshot(): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of readdirSync(work.dir, {recursive: true}).map(String)) {
		const full = at(entry);
		const stat = statSync(full, {throwIfNoEntry: false});
		if (!stat) out[entry] = 'dangling';
		else if (!stat.isFile()) out[entry] = stat.isDirectory() ? 'dir' : 'special';
		else if ((stat.mode & 0o444) === 0) out[entry] = `unreadable ${stat.size}`;
		else out[entry] = createHash('sha1').update(readFileSync(full)).digest('hex');
	}
	return out;
}

beforeAll(async () => {
	ensureBuilt();
	for (const input of inputs) {
		const file = input.make();
		made.set(input.name, file);
		// --profile: an Anki base whose one profile's collection.anki2 is this input (a link to it).
		const base = at(`base-${made.size}`);
		makeAnkiBase(base, [{name: 'Bad', schema: null}]);
		symlinkSync(file, path.join(base, 'Bad', 'collection.anki2'));
		bases.set(input.name, base);
	}
	holder = await holdAsAnki(made.get('a collection another program holds')!);
	before = snapshot();
});

afterAll(async () => {
	await holder?.release();
	work.cleanup();
});

async function expectRefused(args: string[], input: BadInput, named: string, stdin?: string, exit = input.exit ?? 2, says = input.says): Promise<void> {
	const result = await runCliAsync(args, {}, stdin, {asNobody: input.asNobody});
	const context = `${args.join(' ')}\n${result.stderr}`;
	expect(result.status, context).toBe(exit);
	expect(result.stdout, context).toBe('');
	const lines = result.stderr.trimEnd().split('\n');
	expect(lines, context).toHaveLength(1);
	expect(lines[0], context).toMatch(/^anki-tui: /);
	expect(lines[0], context).toContain(named);
	expect(lines[0], context).toMatch(says);
	expect(result.stderr, context).not.toMatch(/\n\s+at |unexpected error/);
	expect(result.leftovers, `${context}: nothing written`).toEqual([]);
}

const rows = inputs.flatMap(input => invocations.map(invocation => ({input, invocation})));

describe.concurrent('every command refuses every bad input in one line and writes nothing', () => {
	it.each(rows)('$invocation.name: $input.name', async ({input, invocation}) => {
		if (input.asNobody && unreadableSkipped) return;
		const file = made.get(input.name)!;
		await expectRefused(invocation.args(file), input, path.basename(file), invocation.stdin);
	});

	it.each(inputs)('--profile whose collection is $name', async input => {
		if (input.asNobody && unreadableSkipped) return;
		const base = bases.get(input.name)!;
		await expectRefused(['decks', '--profile', 'Bad', '--base', base], input, path.join('Bad', 'collection.anki2'));
	});

	it.each(inputs.filter(input => input.name !== 'a folder'))('profiles --base: $name', async input => {
		if (input.asNobody && unreadableSkipped) return;
		const file = made.get(input.name)!;
		await expectRefused(['profiles', '--base', file], input, path.basename(file), undefined, 2, /no such folder|is not a folder/);
	});
});

describe('the table', () => {
	it('covers every command (a new command gets its row here)', () => {
		const covered = new Set([...invocations.map(i => i.name.split(' ')[0]!), 'profiles']);
		expect(Object.keys(commands).filter(name => !covered.has(name))).toEqual([]);
	});
});

describe('a good file at such a path', () => {
	it('opens: a collection in a folder with spaces and non-ASCII characters', async () => {
		const own = tempDir('anki-tui-input-good-');
		try {
			mkdirSync(path.join(own.dir, 'Été 2026'));
			const file = collectionCopy(path.join(own.dir, 'Été 2026', 'ma collection ü.anki2'));
			const result = await runCliAsync(['decks', file, '--json']);
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			expect(JSON.parse(result.stdout)).toBeTruthy();
		} finally {
			own.cleanup();
		}
	});
});

describe('after every refusal', () => {
	it('the bad inputs and their folder are exactly as they were', () => {
		expect(snapshot()).toEqual(before);
	});
});
