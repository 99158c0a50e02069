// The layer rules of CODEBASE.md, checked on every import of source/ (static and dynamic):
// core never knows there is a screen or a command line, screens never touch SQL or files, and no
// file or folder depends on itself through others.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import {sourceFiles, sourceRoot} from './source-files.js';

interface Import {
	from: string;
	spec: string;
	/** The project file it resolves to, for relative imports. */
	target?: string;
}

function importsOf(file: string): Import[] {
	const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
	return info.importedFiles.map(({fileName: spec}) => {
		if (!spec.startsWith('.')) return {from: file, spec};
		const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ''));
		const target = ['.ts', '.tsx'].map((ext) => base + ext).find((candidate) => files.includes(candidate));
		return {from: file, spec, target};
	});
}

const files = sourceFiles();
const imports = files.flatMap(importsOf);
const rel = (file: string) => path.relative(sourceRoot, file);
const layerOf = (file: string) => rel(file).split(path.sep)[0]!;
/** core/<concern> for core files, ui/<folder> for ui files, else the top folder. */
const folderOf = (file: string) => {
	const parts = rel(file).split(path.sep);
	return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.length === 2 ? parts[0]! : rel(file);
};

function violations(layer: string, forbidden: (i: Import) => boolean): string[] {
	return imports.filter((i) => layerOf(i.from) === layer && forbidden(i)).map((i) => `${rel(i.from)} imports ${i.spec}`);
}

describe('layers', () => {
	it('sees the whole source tree', () => {
		expect(files.length).toBeGreaterThan(100);
		expect(imports.filter((i) => i.target).length).toBeGreaterThan(300);
	});

	it('core never imports ink, react, ui/, commands/ or cli.tsx', () => {
		const bad = violations('core', (i) => {
			if (/^(ink|react|ink-[\w-]+)(\/|$)/.test(i.spec)) return true;
			return i.target !== undefined && ['ui', 'commands', 'cli.tsx'].includes(layerOf(i.target));
		});
		expect(bad).toEqual([]);
	});

	it('ui never imports better-sqlite3, the file system or commands/', () => {
		const bad = violations('ui', (i) => {
			if (/^(better-sqlite3|node:fs|fs)(\/|$)/.test(i.spec)) return true;
			return i.target !== undefined && ['commands', 'cli.tsx'].includes(layerOf(i.target));
		});
		expect(bad).toEqual([]);
	});

	it("screens, components, hooks and controllers take only core's types: the app model is their door to the core", () => {
		const drawing = files.filter((file) => /^ui\/(screens|components|hooks|controller)\//.test(rel(file).split(path.sep).join('/')));
		expect(drawing.length).toBeGreaterThan(10);
		const bad = drawing.flatMap((file) =>
			valueImports(file)
				.filter((spec) => spec.startsWith('.') && layerOf(path.resolve(path.dirname(file), spec)) === 'core')
				.map((spec) => `${rel(file)} imports ${spec}`),
		);
		expect(bad).toEqual([]);
	});

	it('commands never import cli.tsx', () => {
		expect(violations('commands', (i) => i.target !== undefined && layerOf(i.target) === 'cli.tsx')).toEqual([]);
	});

	it('no file imports itself through others', () => {
		expect(cycles(files, (file) => imports.filter((i) => i.from === file && i.target).map((i) => i.target!)).map((c) => c.map(rel))).toEqual([]);
	});

	it('no core folder depends on itself through other folders', () => {
		const folders = [...new Set(files.map(folderOf))];
		const edges = (folder: string) => [
			...new Set(imports.filter((i) => i.target && folderOf(i.from) === folder && folderOf(i.target) !== folder).map((i) => folderOf(i.target!))),
		];
		const coreCycles = cycles(folders, edges).filter((c) => c.some((f) => f.startsWith('core')));
		expect(coreCycles).toEqual([]);
	});

	it('the cycle check finds a cycle when there is one', () => {
		const graph: Record<string, string[]> = {a: ['b'], b: ['c'], c: ['a'], d: ['a']};
		expect(cycles(Object.keys(graph), (n) => graph[n]!).map((c) => [...c].sort())).toEqual([['a', 'b', 'c']]);
	});
});

/** Module specifiers a file imports for values (not `import type`, not only type names). */
function valueImports(file: string): string[] {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
	const specs: string[] = [];
	for (const statement of source.statements) {
		if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
		const spec = statement.moduleSpecifier;
		if (!spec || !ts.isStringLiteral(spec)) continue;
		if (ts.isImportDeclaration(statement)) {
			const clause = statement.importClause;
			if (clause?.isTypeOnly) continue;
			const named = clause?.namedBindings;
			const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
			if (onlyTypes) continue;
		} else if (statement.isTypeOnly) continue;
		specs.push(spec.text);
	}
	return specs;
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles(nodes: string[], edges: (node: string) => string[]): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let counter = 0;
	const visit = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of edges(v)) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1) found.push(component);
		}
	};
	for (const node of nodes) if (!index.has(node)) visit(node);
	return found;
}
