// Every string that reaches the terminal passes one sanitizer (core/text/terminal-safe.ts) at the
// output boundary. These rules keep the boundary the only way out, so a screen or command added
// later is covered without knowing about it: screens draw text only through ui/safe-text.tsx, and
// only the image output and the screen-mode switch write to the terminal themselves.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import {sourceFiles, sourceRoot} from './source-files.js';


const rel = (file: string) => path.relative(sourceRoot, file).split(path.sep).join('/');
const files = sourceFiles().map((file) => ({file: rel(file), source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)}));

/** Names a file imports from a module ('default' for a default import). */
function namesImported(source: ts.SourceFile, module: string): string[] {
	const names: string[] = [];
	for (const statement of source.statements) {
		if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== module) continue;
		const clause = statement.importClause;
		if (!clause || clause.isTypeOnly) continue;
		if (clause.name) names.push('default');
		const bindings = clause.namedBindings;
		if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
		if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (!e.isTypeOnly) names.push((e.propertyName ?? e.name).text);
	}
	return names;
}

/** `x.write(...)`, `x.stdout.write`, `console.log(...)`: places that write to a stream themselves. */
function streamWrites(source: ts.SourceFile): string[] {
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
			const callee = node.expression;
			const target = callee.expression.getText(source);
			if (callee.name.text === 'write' && /(^|\.)(stdout|stderr|stream|real|out|err)$/i.test(target)) found.push(`${target}.write (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
			if (target === 'console') found.push(`console.${callee.name.text} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('the terminal output boundary', () => {
	it("screens draw text only through ui/safe-text.tsx: ink's Text, Static and Transform are imported nowhere else", () => {
		const ui = files.filter((f) => f.file.startsWith('ui/'));
		expect(ui.length).toBeGreaterThan(20);
		const bad = ui
			.filter((f) => f.file !== 'ui/safe-text.tsx')
			.flatMap((f) => namesImported(f.source, 'ink').filter((name) => ['Text', 'Static', 'Transform', 'default', '*'].includes(name)).map((name) => `${f.file} imports ${name} from ink`));
		expect(bad).toEqual([]);
	});

	it('in source/ui only the image output and the terminal hand-off write to the terminal themselves', () => {
		const allowed = (file: string) => file.startsWith('ui/graphics/') || file === 'ui/hooks/use-terminal-handoff.ts';
		const bad = files.filter((f) => f.file.startsWith('ui/') && !allowed(f.file)).flatMap((f) => streamWrites(f.source).map((w) => `${f.file}: ${w}`));
		expect(bad).toEqual([]);
	});

	it('commands and cli.tsx write through commands/terminal-output.ts (JSON through json-output.ts; review.tsx only switches the screen and hands the rest to Ink; first-paint.ts writes a frame of terminal-safe pieces, ui/paint-pieces.ts)', () => {
		const allowed = ['commands/terminal-output.ts', 'commands/json-output.ts', 'commands/review.tsx', 'commands/first-paint.ts'];
		const commandFiles = files.filter((f) => f.file.startsWith('commands/') || f.file === 'cli.tsx');
		expect(commandFiles.length).toBeGreaterThan(20);
		const bad = commandFiles.filter((f) => !allowed.includes(f.file)).flatMap((f) => streamWrites(f.source).map((w) => `${f.file}: ${w}`));
		expect(bad).toEqual([]);
		// Questions too: readline writes its prompt itself, so only terminal-output's ask() uses it.
		const readline = commandFiles
			.filter((f) => f.file !== 'commands/terminal-output.ts')
			.filter((f) => ['node:readline', 'node:readline/promises', 'readline', 'readline/promises'].some((m) => namesImported(f.source, m).length > 0))
			.map((f) => f.file);
		expect(readline).toEqual([]);
	});

	it('core never writes to the terminal (it returns text; ui/ and commands/ show it)', () => {
		const bad = files.filter((f) => f.file.startsWith('core/')).flatMap((f) => streamWrites(f.source).map((w) => `${f.file}: ${w}`));
		expect(bad).toEqual([]);
	});

	it('the checks see a violation when there is one', () => {
		const sample = ts.createSourceFile('x.tsx', "import {Box, Text as T} from 'ink';\nprocess.stdout.write('x');\nconsole.error('y');", ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
		expect(namesImported(sample, 'ink')).toEqual(['Box', 'Text']);
		expect(streamWrites(sample)).toEqual(['process.stdout.write (line 2)', 'console.error (line 3)']);
	});
});
