// `anki-tui options` run as a user runs it: keys as in Anki's schema-11 JSON, --set for scripts,
// one-line errors with exit 64 and nothing written.
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function copy(name: string): string {
	const temp = copyToTemp(`${projectRoot}/fixtures/${name}`);
	cleanups.push(temp.cleanup);
	return temp.file;
}

describe('anki-tui options', () => {
	it('prints every field with its schema-11 key, grouped as Anki groups them', () => {
		const result = runCli(['options', copy('schema18.anki2'), 'Default']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Deck Default, preset Default (id 1, used by 6 decks)');
		expect(result.stdout).toMatch(/^ {2}new\.perDay +New cards\/day +20$/m);
		expect(result.stdout).toMatch(/^ {2}lapse\.mult +New interval +0$/m);
		expect(result.stdout).toMatch(/^Easy Days$/m);
	});

	it('--json gives the preset as Anki schema-11 JSON, the deck limits and the collection switches', () => {
		const result = runCli(['options', copy('schema11.anki2'), 'Default', '--json']);
		const json = JSON.parse(result.stdout) as {preset: Record<string, any>; deck: Record<string, unknown>; conf: Record<string, unknown>};
		expect(Object.keys(json.preset).slice(0, 4)).toEqual(['id', 'mod', 'name', 'usn']);
		expect(json.preset['new']['perDay']).toBe(20);
		expect(json.preset['lapse']['mult']).toBe(0);
		expect(json.deck).toMatchObject({name: 'Default', newLimit: null});
		expect(json.conf).toMatchObject({fsrs: false});
	});

	it('--set changes values for scripts, usn -1 and mod now, and they read back', () => {
		const file = copy('schema18.anki2');
		const before = Math.floor(Date.now() / 1000);
		const set = runCli(['options', file, 'Default', '--set', 'new.perDay=35', '--set', 'new.delays=1m 5m 1h', '--set', 'deck.reviewLimit=90', '--json']);
		expect(set.status).toBe(0);
		const json = JSON.parse(set.stdout) as {preset: Record<string, any>; deck: Record<string, unknown>};
		expect(json.preset['new']).toMatchObject({perDay: 35, delays: [1, 5, 60]});
		expect(json.deck['reviewLimit']).toBe(90);
		const col = openCollection(file, {readOnly: true});
		try {
			const row = col.db.prepare('SELECT usn, mtime_secs FROM deck_config WHERE id = 1').get() as {usn: number; mtime_secs: number};
			expect(row.usn).toBe(-1);
			expect(row.mtime_secs).toBeGreaterThanOrEqual(before);
			expect(col.adapter.decks().find(d => d.id === 1)!.normal!.reviewLimit).toBe(90);
		} finally {
			col.close();
		}
	});

	it('refuses a value out of range, an unknown key, deck or preset with one line, exit 64, nothing written', () => {
		const file = copy('schema11.anki2');
		// Opening for writing may switch the file to WAL; what matters is that no row changes.
		const snapshot = () => {
			const col = openCollection(file, {readOnly: true});
			try {
				return JSON.stringify(col.db.prepare('SELECT mod, scm, conf, decks, dconf FROM col').get());
			} finally {
				col.close();
			}
		};
		const original = snapshot();
		const cases: Array<[string[], string]> = [
			[['--set', 'new.perDay=10000'], 'anki-tui: New cards/day must be between 0 and 9999 (new.perDay).\n'],
			[['--set', 'desiredRetention=0.5'], 'anki-tui: Desired retention must be between 0.7 and 0.99 (desiredRetention).\n'],
			[['--set', 'new.perDay=30', '--set', 'rev.hardFactor=2'], 'anki-tui: Hard interval must be between 0.5 and 1.3 (rev.hardFactor).\n'],
			[['--set', 'fsrsParams6=1,2,3'], 'anki-tui: The provided FSRS parameters are invalid. Leave them blank to use the default values.\n'],
			[['--set', 'nope=1'], 'anki-tui: Unknown option "nope". Run anki-tui options DECK to see the keys.\n'],
			[['--preset', 'Nope'], 'anki-tui: No preset named "Nope". Presets: Default.\n'],
		];
		for (const [flags, message] of cases) {
			const result = runCli(['options', file, 'Default', ...flags]);
			expect(result.stderr).toBe(message);
			expect(result.status).toBe(64);
			expect(snapshot()).toBe(original);
		}
		const unknownDeck = runCli(['options', file, 'Nope']);
		expect(unknownDeck.stderr).toMatch(/^anki-tui: No deck named "Nope". Decks: Default, .* Run anki-tui decks to see them all.\n$/);
		expect(unknownDeck.status).toBe(64);
	});

	it.each(['schema11.anki2', 'schema18.anki2'])('%s: --add-preset, --clone-preset, --rename-preset; --remove-preset asks for --yes, moves the decks, bumps scm', (name) => {
		const file = copy(name);
		const info = () => {
			const col = openCollection(file, {readOnly: true});
			try {
				const decks = col.adapter.decks();
				const presetOf = (deck: string) => col.adapter.deckConfigs().find((c) => c.id === decks.find((d) => d.name === deck)!.normal!.configId)!;
				return {scm: col.info().scm, cloze: presetOf('anki-tui demo::Cloze'), basics: presetOf('anki-tui demo::Basics'), names: col.adapter.deckConfigs().map((c) => c.name).sort()};
			} finally {
				col.close();
			}
		};
		const run = (...args: string[]) => runCli(['options', file, ...args]);
		expect(run('anki-tui demo::Cloze', '--add-preset', 'Hard', '--set', 'new.perDay=5').status).toBe(0);
		expect(run('anki-tui demo::Basics', '--preset', 'Hard').status).toBe(0);
		expect(run('anki-tui demo::Basics', '--clone-preset', 'Easy', '--set', 'new.perDay=50').status).toBe(0);
		expect(run('anki-tui demo::Basics', '--rename-preset', 'Very Easy').status).toBe(0);
		let now = info();
		expect(now.names).toEqual(['Default', 'Hard', 'Very Easy']);
		expect(now.cloze).toMatchObject({name: 'Hard', newPerDay: 5, usn: -1});
		expect(now.basics).toMatchObject({name: 'Very Easy', newPerDay: 50, usn: -1});
		const scm = now.scm;
		const refused = run('anki-tui demo::Basics', '--remove-preset', 'Hard');
		expect(refused.status).toBe(64);
		expect(refused.stderr).toBe(
			'anki-tui: The requested change will require a one-way sync. If you have made changes on another device, and not synced them to this device yet, please do so before you proceed. Add --yes to remove "Hard".\n',
		);
		expect(info().scm).toBe(scm);
		expect(run('anki-tui demo::Cloze', '--remove-preset', 'Default', '--yes').stderr).toBe("anki-tui: The default configuration can't be removed.\n");
		const removed = run('anki-tui demo::Basics', '--remove-preset', 'Hard', '--yes');
		expect(removed.status).toBe(0);
		expect(removed.stderr).toContain('will require a one-way sync');
		now = info();
		expect(now.names).toEqual(['Default', 'Very Easy']);
		// The deck that used it follows the preset saved, as in Anki.
		expect(now.cloze.name).toBe('Very Easy');
		expect(now.scm).toBeGreaterThan(scm);
	});
});
