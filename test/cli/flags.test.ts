// Flags through the built CLI: one a command does not take is refused with exit 64 and its usage
// line, as one line on stderr, before anything is opened or written; the flags it takes still work.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commands, joinFlagValues, usageLine} from '../../source/commands/flags.js';
import {openCollection} from '../../source/core/collection/open.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

const collection = path.join(projectRoot, 'fixtures', 'schema11.anki2');
const apkg = path.join(projectRoot, 'fixtures', 'latest.apkg');

function expectRefused(args: string[], command: keyof typeof commands, flags: string): void {
	const result = runCli(args);
	expect(result.status, result.stderr).toBe(64);
	expect(result.stdout).toBe('');
	expect(result.stderr).toBe(`anki-tui: ${flags} for ${command}. Usage: ${usageLine(command)} (anki-tui --help lists every option)\n`);
	expect(result.leftovers, 'nothing written').toEqual([]);
}

describe('flags', () => {
	it('a misspelt flag is refused: decks --profil x', () => {
		expectRefused(['decks', '--profil', 'x'], 'decks', 'unknown flag --profil');
	});

	it("another command's flag is refused, and several are named at once", () => {
		expectRefused(['show', apkg, '--upload', '--protocol', 'v11'], 'show', 'unknown flags --upload, --protocol');
		expectRefused(['sync', '--json'], 'sync', 'unknown flag --json');
		expectRefused(['decks', collection, '-x'], 'decks', 'unknown flag -x');
	});

	it('a search query starting with - must come after -- (as the help says); after it, it is a query', () => {
		expectRefused(['search', collection, 'deck:*', '-tag:leech'], 'search', 'unknown flag -tag:leech');
		const result = runCli(['search', collection, '--json', '--', '-tag:leech']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout.trim().split('\n').length).toBeGreaterThan(0);
	});

	it('a flag that takes a value takes one that starts with - (an Anki search, a tag to leave out)', () => {
		const copy = copyToTemp(collection);
		const result = runCli(['filtered', 'create', copy.file, 'Not new', '--search', '-is:new', '--limit', '5']);
		expect(result.status, result.stderr).toBe(0);
		const col = openCollection(copy.file, {readOnly: true});
		try {
			expect(col.adapter.decks().find((d) => d.name === 'Not new')?.filtered?.searchTerms[0]?.search).toBe('-is:new');
		} finally {
			col.close();
			copy.cleanup();
		}
		expect(joinFlagValues(['--tags', '-code', '--json', '--', '--tags', '-x'])).toEqual(['--tags=-code', '--json', '--', '--tags', '-x']);
	});

	it('the reviewer refuses before opening anything (no collection is created)', () => {
		expectRefused(['--dek', 'Spanish'], 'review', 'unknown flag --dek');
		expectRefused(['review', '--password-stdin'], 'review', 'unknown flag --password-stdin');
	});

	it('the flags a command takes still work, with the ones every command takes', () => {
		const result = runCli(['decks', collection, '--json', '--no-color', '--debug']);
		expect(result.status, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)[0].name).toBe('anki-tui demo');
		const shown = runCli(['show', apkg, '--deck', 'anki-tui demo::Basics', '--json', '--collection', collection]);
		expect(shown.status, shown.stderr).toBe(0);
	});

	it('--help after a command shows the help, whose Usage lists every command', () => {
		const result = runCli(['decks', '--help']);
		expect(result.status).toBe(0);
		for (const spec of Object.values(commands)) for (const form of spec.usage) expect(result.stdout).toContain(`$ ${form.split('\n')[0]}`);
	});
});

describe('the flags meow parses for a command', () => {
	// A value for every flag a command takes, as a user would type it.
	const typed = (name: string, flag: {type: string}): string[] => {
		const option = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
		return flag.type === 'boolean' ? [option] : [option, `${name}-value`];
	};

	it.each(Object.keys(commands))('%s: the same flags, given or not, as with the whole spec', async (command) => {
		const {default: meow} = await import('meow');
		const {flagSpec, flagSpecFor} = await import('../../source/commands/flags.js');
		const {spec, absent} = flagSpecFor(command);
		expect(Object.keys(spec).length).toBeLessThan(Object.keys(flagSpec).length);
		const taken = Object.entries(spec) as Array<[string, {type: string}]>;
		for (const argv of [[command], [command, ...taken.flatMap(([name, flag]) => typed(name, flag))], [command, '--no-color', '--debug']]) {
			const whole = meow('', {importMeta: import.meta, argv, flags: flagSpec}).flags;
			const part = meow('', {importMeta: import.meta, argv, flags: spec}).flags;
			expect({...absent, ...part}).toEqual(whole);
		}
	});

	it('without a command (the reviewer, or a flag first), the whole spec', async () => {
		const {flagSpec, flagSpecFor} = await import('../../source/commands/flags.js');
		expect(flagSpecFor(undefined).spec).toBe(flagSpec);
		expect(flagSpecFor('--collection').spec).toBe(flagSpec);
	});
});
