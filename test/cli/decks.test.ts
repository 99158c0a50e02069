// `anki-tui decks FILE --json` agrees with counts taken independently with plain SQL, on the
// project's own fixtures of every generation and on real files made by Anki.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {openPackage} from '../../source/core/package/open-package.js';
import {copyToTemp, hasShared, noticeIfNoShared, projectRoot, sharedAnki, sharedFile} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

interface DeckJson {
	id: number;
	name: string;
	cards: number;
	new: number;
	learn: number;
	review: number;
	children: DeckJson[];
}

/** Deck names and subtree card totals read straight from the file, without the project's readers. */
function independentTotals(collectionFile: string): Map<string, number> {
	const db = new Database(collectionFile, {readonly: true});
	try {
		const ver = db.prepare('SELECT ver FROM col').pluck().get() as number;
		const names = new Map<number, string>();
		if (ver >= 15) {
			// Schema 15+ stores levels joined by U+001F; a plain select needs no unicase collation.
			for (const row of db.prepare('SELECT id, name FROM decks').all() as Array<{id: number; name: string}>) {
				names.set(row.id, row.name.split('\x1f').join('::'));
			}
		} else {
			const decks = JSON.parse(db.prepare('SELECT decks FROM col').pluck().get() as string) as Record<string, {id: number; name: string}>;
			for (const deck of Object.values(decks)) names.set(Number(deck.id), deck.name);
		}
		const own = new Map<number, number>();
		for (const row of db.prepare('SELECT did, count(*) AS n FROM cards GROUP BY did').all() as Array<{did: number; n: number}>) {
			own.set(row.did, row.n);
		}
		const totals = new Map<string, number>();
		for (const [id, name] of names) {
			let sum = 0;
			for (const [otherId, other] of names) {
				if (other === name || other.toLowerCase().startsWith(`${name.toLowerCase()}::`)) sum += own.get(otherId) ?? 0;
			}
			void id;
			totals.set(name, sum);
		}
		return totals;
	} finally {
		db.close();
	}
}

function flatten(nodes: DeckJson[]): DeckJson[] {
	return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

async function checkFile(file: string): Promise<void> {
	const result = runCli(['decks', file, '--json']);
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	const tree = JSON.parse(result.stdout) as DeckJson[];
	const nodes = flatten(tree);

	let collectionFile = file;
	let cleanup = () => {};
	if (file.endsWith('.apkg') || file.endsWith('.colpkg')) {
		const pkg = await openPackage(file);
		collectionFile = pkg.collectionPath;
		cleanup = () => pkg.cleanup();
	}
	try {
		const expected = independentTotals(collectionFile);
		for (const node of nodes) {
			expect(expected.get(node.name), `deck ${node.name} of ${path.basename(file)}`).toBe(node.cards);
			expect(node.new + node.learn + node.review).toBeLessThanOrEqual(Math.max(node.cards, node.new + node.learn + node.review));
			for (const child of node.children) expect(child.name.startsWith(`${node.name}::`)).toBe(true);
		}
		// Every deck with cards appears (only an empty Default may be left out, as Anki does).
		for (const [name, total] of expected) {
			if (total > 0 || name !== 'Default') expect(nodes.map((n) => n.name), `${name} in ${path.basename(file)}`).toContain(name);
		}
		const all = [...expected.values()].reduce((a, b) => a + b, 0);
		void all;
	} finally {
		cleanup();
	}
}

describe('decks --json on the project fixtures', () => {
	const files = readdirSync(path.join(projectRoot, 'fixtures')).filter((name) => /\.(apkg|colpkg|anki2)$/.test(name));
	it('has a fixture of every generation', () => {
		expect(files).toEqual(expect.arrayContaining(['anki2.apkg', 'anki21.apkg', 'legacy2.apkg', 'latest.apkg', 'latest.colpkg', 'schema11.anki2', 'schema18.anki2']));
	});
	for (const name of files) {
		it(name, async () => {
			// Raw collections are opened from a copy so the repository's files never get -wal/-shm beside them.
			const copy = copyToTemp(path.join(projectRoot, 'fixtures', name));
			try {
				await checkFile(copy.file);
			} finally {
				copy.cleanup();
			}
		});
	}
	it('the demo deck shows its subdecks', () => {
		const tree = JSON.parse(runCli(['decks', path.join(projectRoot, 'fixtures/demo/demo.apkg'), '--json']).stdout) as DeckJson[];
		expect(tree[0]!.name).toBe('anki-tui demo');
		expect(tree[0]!.children.length).toBeGreaterThan(1);
		expect(tree[0]!.cards).toBeGreaterThan(10);
	});
});

describe.skipIf(!hasShared)('decks --json on real Anki files', () => {
	noticeIfNoShared();
	const files = hasShared ? readdirSync(sharedAnki).filter((name) => /\.(apkg|colpkg|anki2)$/.test(name)) : [];
	for (const name of files) {
		it(name, async () => {
			await checkFile(sharedFile(name));
		});
	}
	it('never shows the "please update" dummy of modern packages', () => {
		const result = runCli(['decks', path.join(sharedAnki, 'modern-basic.apkg'), '--json']);
		const tree = JSON.parse(result.stdout) as DeckJson[];
		expect(tree.map((n) => n.name)).toEqual(['Example Deck']);
		expect(tree[0]!.cards).toBe(4);
	});
});

describe('decks human output', () => {
	it('is an aligned tree without colour when piped', () => {
		const result = runCli(['decks', path.join(projectRoot, 'fixtures/demo/demo.apkg')]);
		expect(result.status).toBe(0);
		expect(result.stdout).not.toMatch(/\u001B\[/);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Deck\s+Cards\s+New\s+Learn\s+Due$/);
		expect(lines.at(-1)).toMatch(/^Total\s+\d+/);
		const widths = new Set(lines.map((line) => line.length));
		expect(widths.size).toBe(1);
	});
});
