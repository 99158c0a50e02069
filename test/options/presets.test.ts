// Deck options on real presets: read, write and read again; keys and fields we do not model
// survive; usn/mod as Anki writes them; presets added, cloned, renamed and removed as Anki does.
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {openPackage} from '../../source/core/package/open-package.js';
import {
	addPreset,
	clonePreset,
	currentPreset,
	findNormalDeck,
	isDirty,
	loadOptions,
	optionValue,
	optionWarnings,
	parseOption,
	removalWarning,
	removePreset,
	renamePreset,
	saveOptions,
	selectPreset,
	setOptionText,
	type OptionsDraft,
} from '../../source/core/study/presets.js';
import {optionField, optionFields, stepsToText, textToSteps} from '../../source/core/study/options-schema.js';
import {decodeDeckConfigConfig} from '../../source/core/proto/index.js';
import {copyToTemp, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function openCopy(file: string): {col: Collection; file: string; reopen: () => Collection} {
	const temp = copyToTemp(file);
	let col = openCollection(temp.file);
	cleanups.push(temp.cleanup, () => col.close());
	return {
		col,
		file: temp.file,
		reopen: () => {
			col.close();
			col = openCollection(temp.file);
			return col;
		},
	};
}

async function openPackageCopy(file: string): Promise<{col: Collection; reopen: () => Collection}> {
	const pkg = await openPackage(file);
	let col = openCollection(pkg.collectionPath, {privateCopy: true});
	cleanups.push(() => pkg.cleanup(), () => col.close());
	return {
		col,
		reopen: () => {
			col.close();
			col = openCollection(pkg.collectionPath, {privateCopy: true});
			return col;
		},
	};
}

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const presetRows = (col: Collection) => col.adapter.deckConfigs();
const jsonWithout = (json: Record<string, unknown>, ...keys: string[]) => {
	const copy = structuredClone(json);
	for (const key of keys) delete copy[key];
	return copy;
};

/** Every preset of the collection: load it through a deck using it (or preset 1's deck), change new.perDay, save, read again. */
function roundTripEveryPreset(open: {col: Collection; reopen: () => Collection}): void {
	let col = open.col;
	for (const config of presetRows(col)) {
		const deck = col.adapter.decks().find(d => d.normal?.configId === config.id) ?? col.adapter.decks().find(d => d.normal)!;
		let draft = loadOptions(col, deck.id, NOW);
		draft = selectPreset(draft, draft.presets.findIndex(p => p.id === config.id));
		const before = structuredClone(currentPreset(draft).json);
		const perDay = Number(optionValue(draft, optionField('new.perDay')!));
		draft = setOptionText(draft, 'new.perDay', String(perDay === 9999 ? 1 : perDay + 1));
		saveOptions(col, draft, {nowMs: NOW});
		col = open.reopen();
		const again = loadOptions(col, deck.id, NOW);
		const after = again.presets.find(p => p.id === config.id)!;
		expect(jsonWithout(after.json, 'mod', 'usn', 'new')).toEqual(jsonWithout(before, 'mod', 'usn', 'new'));
		expect({...(after.json['new'] as object), perDay: 0}).toEqual({...(before['new'] as object), perDay: 0});
		expect((after.json['new'] as {perDay: number}).perDay).toBe(perDay === 9999 ? 1 : perDay + 1);
		expect(after.json['usn']).toBe(-1);
		expect(after.json['mod']).toBe(Math.floor(NOW / 1000));
		// Saved once more without changes: nothing is written (Anki skips unchanged presets).
		const unchanged = loadOptions(col, deck.id, NOW + 5000);
		saveOptions(col, selectPreset(unchanged, unchanged.presets.findIndex(p => p.id === config.id)), {nowMs: NOW + 5000});
		expect(col.adapter.deckConfigs().find(c => c.id === config.id)!.mtimeSecs).toBe(Math.floor(NOW / 1000));
	}
	open.col = col;
}

describe('deck options on the project fixtures', () => {
	it('schema 11 (col.dconf JSON): read, written and read again, only new.perDay, mod and usn change', () => {
		roundTripEveryPreset(openCopy(`${projectRoot}/fixtures/schema11.anki2`));
	});

	it('schema 18 (deck_config protobuf): read, written and read again, only new.perDay, mod and usn change', () => {
		roundTripEveryPreset(openCopy(`${projectRoot}/fixtures/schema18.anki2`));
	});
});

describe.runIf(noticeIfNoShared())('deck options on real Anki files', () => {
	it('schema 18 files made by Anki desktop', () => {
		roundTripEveryPreset(openCopy(sharedFile('schema18-two-decks.anki2')));
		roundTripEveryPreset(openCopy(sharedFile('schema18-empty.anki2')));
	});

	it('packages: modern (schema 18), legacy exports (schema 11) with keys of every age', async () => {
		for (const name of ['modern-basic.apkg', 'legacy-mode-anki21.colpkg', 'anki2-random-reviews.apkg', 'template-edge-cases.apkg']) {
			roundTripEveryPreset(await openPackageCopy(sharedFile(name)));
		}
	});

	it('schema 14 (JSON blobs): keys we do not model survive a read-modify-write', () => {
		const open = openCopy(sharedFile('schema14-japanese-furigana.anki2'));
		const rtk = open.col.adapter.deckConfigs().find(c => c.name === 'Recognition RTK')!;
		roundTripEveryPreset(open);
		const col = open.reopen();
		const raw = JSON.parse(String(col.db.prepare('SELECT config FROM deck_config WHERE id = ?').pluck().get(rtk.id))) as Record<string, any>;
		expect(raw['new']['retiringInterval']).toBe(0);
		expect(raw['new']['retirementActions']).toEqual({delete: false, move: false, suspend: true, tag: true});
		expect(raw['new']['weeklySchedule']).toEqual([true, true, true, true, true, true, true]);
		expect(raw['rev']['fuzz']).toBe(0.05);
		expect(raw['rev']['minSpace']).toBe(1);
		expect(raw['new']['separate']).toBe(true);
	});

	it('schema 18: protobuf fields a newer Anki adds and `other` JSON keys survive a read-modify-write', () => {
		const open = openCopy(sharedFile('schema18-two-decks.anki2'));
		const blob = open.col.db.prepare('SELECT config FROM deck_config WHERE id = 1').pluck().get() as Buffer;
		// Field 99 (varint 7) as a future Anki might write it, and field 255 `other` = {"futureKey":[1,2]}.
		const other = Buffer.from(JSON.stringify({futureKey: [1, 2]}));
		const extended = Buffer.concat([blob, Buffer.from([0x98, 0x06, 0x07]), Buffer.from([0xfa, 0x0f, other.length]), other]);
		open.col.db.prepare('UPDATE deck_config SET config = ? WHERE id = 1').run(extended);
		const deck = open.col.adapter.decks().find(d => d.normal?.configId === 1)!;
		const draft = setOptionText(loadOptions(open.col, deck.id, NOW), 'rev.perDay', '321');
		saveOptions(open.col, draft, {nowMs: NOW});
		const col = open.reopen();
		const written = decodeDeckConfigConfig(col.db.prepare('SELECT config FROM deck_config WHERE id = 1').pluck().get() as Buffer);
		expect(written.reviewsPerDay).toBe(321);
		expect(written.$unknown?.map(field => [field.no, [...field.data]])).toEqual([[99, [7]]]);
		expect(JSON.parse(Buffer.from(written.other).toString())).toEqual({futureKey: [1, 2]});
		const row = col.db.prepare('SELECT usn, mtime_secs FROM deck_config WHERE id = 1').get() as {usn: number; mtime_secs: number};
		expect(row).toEqual({usn: -1, mtime_secs: Math.floor(NOW / 1000)});
	});
});

describe('values, validation and warnings', () => {
	it("takes values in range and refuses others with the field's label, range and key", () => {
		const perDay = optionField('new.perDay')!;
		expect(parseOption(perDay, '30')).toEqual({value: 30});
		expect(parseOption(perDay, '10000')).toEqual({error: 'New cards/day must be between 0 and 9999 (new.perDay).'});
		expect(parseOption(perDay, '2.5')).toEqual({error: 'New cards/day takes a whole number (new.perDay).'});
		expect(parseOption(optionField('desiredRetention')!, '0.6')).toEqual({error: 'Desired retention must be between 0.7 and 0.99 (desiredRetention).'});
		expect(parseOption(optionField('new.initialFactor')!, '2.3')).toEqual({value: 2300});
		expect(parseOption(optionField('new.order')!, 'random')).toEqual({value: 0});
		expect(parseOption(optionField('autoplay')!, 'on')).toEqual({value: false});
		expect(parseOption(optionField('timer')!, 'on')).toEqual({value: 1});
		expect(parseOption(optionField('deck.newLimit')!, '')).toEqual({value: null});
		expect(parseOption(optionField('fsrsParams6')!, '1, 2, 3')).toEqual({
			error: 'The provided FSRS parameters are invalid. Leave them blank to use the default values.',
		});
		expect(parseOption(optionField('ignoreRevlogsBeforeDate')!, '2024-13-45')).toHaveProperty('error');
	});

	it('reads and writes steps as Anki does (s, m, h, d; zeros dropped)', () => {
		expect(textToSteps('1m 10m 1h 2d 30s')).toEqual([1, 10, 60, 2880, 0.5]);
		expect(textToSteps('5 0m')).toEqual([5]);
		expect(textToSteps('1x')).toBeNull();
		expect(stepsToText([1, 10, 60, 1440, 0.5, 90])).toBe('1m 10m 1h 1d 30s 90m');
	});

	it("lists every section of Anki's page, each field once", () => {
		const keys = optionFields.map(f => f.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect([...new Set(optionFields.map(f => f.section))]).toEqual([
			'Daily Limits', 'New Cards', 'Lapses', 'Display Order', 'FSRS', 'Burying', 'Audio', 'Timers', 'Auto Advance', 'Easy Days', 'Advanced',
		]);
	});

	it("gives Anki's warnings", () => {
		const open = openCopy(`${projectRoot}/fixtures/schema18.anki2`);
		let draft = loadOptions(open.col, 1, NOW);
		expect(optionWarnings(draft)).toEqual([]);
		draft = setOptionText(draft, 'new.perDay', '50');
		draft = setOptionText(draft, 'new.delays', '1m 2d');
		draft = setOptionText(draft, 'rev.maxIvl', '100');
		expect(optionWarnings(draft).map(w => w.text)).toEqual([
			'If adding 50 new cards each day, your review limit should be at least 500.',
			'The graduating interval should be at least as long as your final learning step.',
			'A maximum interval less than 6 months is not recommended.',
		]);
	});
});

describe('presets and deck limits', () => {
	function fixture(): {col: Collection; reopen: () => Collection; draft: OptionsDraft} {
		const open = openCopy(`${projectRoot}/fixtures/schema18.anki2`);
		return {...open, draft: loadOptions(open.col, 1, NOW)};
	}

	it('adds a preset from the defaults (FSRS-6 default parameters filled in) and points the deck at it', () => {
		const {col, reopen} = fixture();
		let draft = addPreset(loadOptions(col, 1, NOW), 'Spanish', NOW);
		expect(currentPreset(draft).json['fsrsParams6']).toHaveLength(21);
		expect(isDirty(draft)).toBe(true);
		const result = saveOptions(col, draft, {nowMs: NOW});
		expect(result.presetId).toBe(NOW);
		const again = reopen();
		expect(again.adapter.decks().find(d => d.id === 1)!.normal!.configId).toBe(NOW);
		const added = again.db.prepare('SELECT name, usn, mtime_secs FROM deck_config WHERE id = ?').get(NOW);
		expect(added).toEqual({name: 'Spanish', usn: -1, mtime_secs: Math.floor(NOW / 1000)});
		draft = loadOptions(again, 1, NOW);
		expect(draft.presets.map(p => [p.name, p.useCount])).toEqual([['Default', 5], ['Spanish', 1]]);
	});

	it('clones the current preset and renames it; a clashing name gets the epoch seconds as Anki does', () => {
		const {draft} = fixture();
		let next = setOptionText(draft, 'new.perDay', '7');
		next = clonePreset(next, 'Default', NOW);
		expect(currentPreset(next).name).toBe(`Default${Math.round(NOW / 1000)}`);
		expect(optionValue(next, optionField('new.perDay')!)).toBe(7);
		next = renamePreset(next, 'Verbs', NOW);
		expect(next.presets.map(p => p.name)).toEqual(['Default', 'Verbs']);
	});

	it('removes a preset: a schema change, its decks move to the preset being saved; preset 1 is never removed', () => {
		const {col, reopen} = fixture();
		saveOptions(col, addPreset(loadOptions(col, 1, NOW), 'Extra', NOW), {nowMs: NOW});
		const scmBefore = col.info().scm;
		let draft = loadOptions(col, 1, NOW + 1000);
		expect(currentPreset(draft).name).toBe('Extra');
		expect(removalWarning(draft)).toBe(
			'The requested change will require a one-way sync. If you have made changes on another device, and not synced them to this device yet, please do so before you proceed. Remove Extra?',
		);
		draft = removePreset(draft);
		expect(currentPreset(draft).name).toBe('Default');
		expect(() => removePreset(draft)).toThrow("The default configuration can't be removed.");
		const result = saveOptions(col, draft, {nowMs: NOW + 1000});
		expect(result.schemaChanged).toBe(true);
		const again = reopen();
		expect(again.info().scm).toBe(NOW + 1000);
		expect(again.info().scm).not.toBe(scmBefore);
		expect(again.adapter.deckConfigs().map(c => c.id)).toEqual([1]);
		expect(again.adapter.decks().find(d => d.id === 1)!.normal!.configId).toBe(1);
	});

	it('writes this-deck and today-only limits as Anki does, and clearing a today limit keeps it inactive', () => {
		const {col, reopen} = fixture();
		let draft = loadOptions(col, 1, NOW);
		draft = setOptionText(draft, 'deck.newLimit', '5');
		draft = setOptionText(draft, 'deck.reviewLimitToday', '50');
		saveOptions(col, draft, {nowMs: NOW});
		let again = reopen();
		const normal = again.adapter.decks().find(d => d.id === 1)!.normal!;
		expect(normal.newLimit).toBe(5);
		expect(normal.reviewLimitToday).toEqual({limit: 50, today: draft.today});
		draft = setOptionText(loadOptions(again, 1, NOW), 'deck.reviewLimitToday', '');
		saveOptions(again, draft, {nowMs: NOW});
		again = reopen();
		expect(again.adapter.decks().find(d => d.id === 1)!.normal!.reviewLimitToday).toEqual({limit: 50, today: draft.today - 1});
		expect(loadOptions(again, 1, NOW).limits.reviewLimitToday).toBeNull();
	});

	it('one save is one undoable operation, named as Anki names it', () => {
		const {col} = fixture();
		saveOptions(col, setOptionText(loadOptions(col, 1, NOW), 'rev.perDay', '400'), {nowMs: NOW});
		expect(col.undo.peek()).toBe('Deck Options');
		col.undo.undo();
		expect(loadOptions(col, 1, NOW).presets[0]!.json['rev']).toMatchObject({perDay: 200});
	});

	it('refuses unknown keys and decks with one line', () => {
		const {col, draft} = fixture();
		expect(() => setOptionText(draft, 'new.perDayy', '3')).toThrow('Unknown option "new.perDayy". Run anki-tui options DECK to see the keys.');
		expect(() => findNormalDeck(col, 'Nope')).toThrow('No deck named "Nope". Decks: ');
	});
});


describe.each([
	['schema 11 (project fixture, col.dconf JSON)', () => `${projectRoot}/fixtures/schema11.anki2`],
	['schema 18 (project fixture, deck_config protobuf)', () => `${projectRoot}/fixtures/schema18.anki2`],
	...(noticeIfNoShared()
		? ([
				['schema 14 made by Anki (JSON presets)', () => sharedFile('schema14-japanese-furigana.anki2')],
				['schema 18 made by Anki desktop', () => sharedFile('schema18-two-decks.anki2')],
			] as Array<[string, () => string]>)
		: []),
])('preset add, clone, rename and remove on %s', (_name, file) => {
	it('add and clone write new presets (usn -1, mod now), rename changes only the name; no schema change', () => {
		const {col, reopen} = openCopy(file());
		const deck = col.adapter.decks().find(d => d.normal)!;
		const scm = col.info().scm;
		let draft = loadOptions(col, deck.id, NOW);
		draft = setOptionText(draft, 'rev.perDay', '321');
		draft = clonePreset(draft, 'Cloned', NOW);
		saveOptions(col, draft, {nowMs: NOW});
		let again = reopen();
		const cloned = again.adapter.deckConfigs().find(c => c.name === 'Cloned')!;
		expect(cloned).toMatchObject({id: NOW, usn: -1, mtimeSecs: Math.floor(NOW / 1000), reviewsPerDay: 321});
		expect(again.adapter.decks().find(d => d.id === deck.id)!.normal!.configId).toBe(NOW);
		draft = renamePreset(loadOptions(again, deck.id, NOW + 1000), 'Renamed', NOW + 1000);
		draft = addPreset(draft, 'Fresh', NOW + 1000);
		saveOptions(again, draft, {nowMs: NOW + 1000});
		again = reopen();
		const configs = again.adapter.deckConfigs();
		expect(configs.find(c => c.id === NOW)).toMatchObject({name: 'Renamed', reviewsPerDay: 321, usn: -1, mtimeSecs: Math.floor(NOW / 1000) + 1});
		expect(configs.find(c => c.name === 'Fresh')).toMatchObject({id: NOW + 1000, reviewsPerDay: 200, newPerDay: 20});
		expect(again.adapter.decks().find(d => d.id === deck.id)!.normal!.configId).toBe(NOW + 1000);
		expect(again.info().scm).toBe(scm);
	});

	it('remove: decks using it go to the preset saved, scm bumped (next sync is a full sync), preset 1 stays', () => {
		const {col, reopen} = openCopy(file());
		const [first, second] = col.adapter.decks().filter(d => d.normal && d.id !== 1);
		const deckA = first ?? col.adapter.decks().find(d => d.normal)!;
		saveOptions(col, addPreset(loadOptions(col, deckA.id, NOW), 'Doomed', NOW), {nowMs: NOW});
		if (second) {
			// A second deck on the same preset: it follows to the preset saved, as in Anki.
			let other = loadOptions(col, second.id, NOW);
			other = selectPreset(other, other.presets.findIndex(p => p.name === 'Doomed'));
			saveOptions(col, other, {nowMs: NOW});
		}
		let draft = loadOptions(col, deckA.id, NOW + 2000);
		expect(currentPreset(draft).name).toBe('Doomed');
		expect(removalWarning(draft)).toContain('will require a one-way sync');
		draft = removePreset(draft);
		const target = currentPreset(draft).id;
		expect(saveOptions(col, draft, {nowMs: NOW + 2000}).schemaChanged).toBe(true);
		const again = reopen();
		expect(again.info().scm).toBe(NOW + 2000);
		expect(again.adapter.deckConfigs().some(c => c.name === 'Doomed')).toBe(false);
		expect(again.adapter.deckConfigs().some(c => c.id === 1)).toBe(true);
		for (const deck of [deckA, second].filter(Boolean)) {
			expect(again.adapter.decks().find(d => d.id === deck!.id)!.normal!.configId).toBe(target);
		}
	});
});
