// Shared steps for import tests: a fresh local collection, an import, and counts to compare.
import {readdirSync} from 'node:fs';
import Database from 'better-sqlite3';
import {ensureLocalCollection} from '../../source/core/collection/local.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {importPackage} from '../../source/core/package/import.js';
import type {ImportSummary} from '../../source/core/package/merge-summary.js';
import {openImportInput} from '../../source/core/package/merge-input.js';
import {tempDir} from '../helpers/shared.js';

export interface Local {
	path: string;
	mediaDir: string;
	dir: string;
	cleanup: () => void;
}

export function freshLocal(): Local {
	const t = tempDir('anki-tui-import-');
	const loc = ensureLocalCollection({}, {XDG_DATA_HOME: t.dir});
	return {path: loc.path, mediaDir: loc.mediaDir, dir: t.dir, cleanup: t.cleanup};
}

export async function importInto(local: {path: string; mediaDir: string}, file: string, now?: number): Promise<ImportSummary> {
	const col = openCollection(local.path);
	try {
		return await importPackage(col, file, {mediaDir: local.mediaDir, now});
	} finally {
		col.close();
	}
}

export function cardsPerDeck(col: Collection): Record<string, number> {
	const names = new Map(col.adapter.decks().map(d => [d.id, d.name]));
	const out: Record<string, number> = {};
	for (const row of col.db.prepare('SELECT did, count() AS n FROM cards GROUP BY did').all() as Array<{did: number; n: number}>) {
		const name = names.get(row.did) ?? `missing deck ${row.did}`;
		out[name] = (out[name] ?? 0) + row.n;
	}
	return out;
}

export async function packageCardsPerDeck(file: string): Promise<Record<string, number>> {
	const pkg = await openImportInput(file);
	try {
		const col = openCollection(pkg.collectionPath, {privateCopy: true, readOnly: true});
		try {
			return cardsPerDeck(col);
		} finally {
			col.close();
		}
	} finally {
		pkg.cleanup();
	}
}

/** Everything an import could add, counted. */
export function snapshot(local: {path: string; mediaDir: string}): Record<string, unknown> {
	const col = openCollection(local.path, {readOnly: true});
	try {
		const q = (sql: string) => col.db.prepare(sql).pluck().get();
		return {
			mod: q('SELECT mod FROM col'),
			notes: q('SELECT count() FROM notes'),
			cards: q('SELECT count() FROM cards'),
			revlog: q('SELECT count() FROM revlog'),
			noteMods: q('SELECT total(mod) FROM notes'),
			cardDue: q('SELECT total(due) FROM cards'),
			decks: col.adapter.decks().map(d => `${d.id}:${d.name}:${d.mtimeSecs}`).sort(),
			notetypes: col.adapter.notetypes().map(n => `${n.id}:${n.name}`).sort(),
			configs: col.adapter.deckConfigs().length,
			tags: col.adapter.allTags().length,
			media: readdirSync(local.mediaDir).sort(),
		};
	} finally {
		col.close();
	}
}

export function setColJson(file: string, column: 'conf' | 'models', edit: (value: Record<string, unknown>) => void): void {
	const db = new Database(file);
	const value = JSON.parse(db.prepare(`SELECT ${column} FROM col`).pluck().get() as string) as Record<string, unknown>;
	edit(value);
	db.prepare(`UPDATE col SET ${column} = ?`).run(JSON.stringify(value));
	db.close();
}
