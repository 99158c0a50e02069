// Running the user's editor on a document, as git does: $VISUAL, else $EDITOR, else nano, else vi,
// through the shell (so "code --wait" works), on a private temp file, with the terminal handed over.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {AnkiTuiError} from '../errors.js';
import type {EditOutcome, EditSession} from './edit-flow.js';

export type EditorResult = {kind: 'saved'; text: string} | {kind: 'failed'; status: number | null; editor: string};

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
	if (process.platform === 'win32') return spawnSync('where', [command], {env, stdio: 'ignore'}).status === 0;
	return spawnSync('/bin/sh', ['-c', 'command -v "$1" >/dev/null 2>&1', 'sh', command], {env, stdio: 'ignore'}).status === 0;
}

/** The editor command line the user chose, or the first of nano and vi that exists. */
export function chooseEditor(env: NodeJS.ProcessEnv = process.env): string {
	for (const name of ['VISUAL', 'EDITOR'] as const) {
		const value = env[name]?.trim();
		if (value) return value;
	}
	for (const fallback of ['nano', 'vi']) if (onPath(fallback, env)) return fallback;
	throw new AnkiTuiError('no editor found: set $VISUAL or $EDITOR (for example export EDITOR=nano), or install nano or vi.', 1);
}

/** Opens the editor on `text` and waits; the file is removed afterwards. */
export function runEditor(text: string, fileName: string, env: NodeJS.ProcessEnv = process.env): EditorResult {
	const editor = chooseEditor(env);
	const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-edit-'));
	const file = path.join(dir, fileName);
	try {
		writeFileSync(file, text, {mode: 0o600});
		// "$EDITOR" may hold arguments; the file name is passed as a separate word, never spliced in.
		const result =
			process.platform === 'win32'
				? spawnSync(`${editor} "${file}"`, {stdio: 'inherit', shell: true, env})
				: spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], {stdio: 'inherit', env});
		if (result.error) throw new AnkiTuiError(`could not run the editor "${editor}": ${result.error.message}`, 1);
		if (result.status !== 0) return {kind: 'failed', status: result.status, editor};
		return {kind: 'saved', text: readFileSync(file, 'utf8')};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

export type EditRun = Exclude<EditOutcome, {kind: 'reopen'}> | {kind: 'editor-failed'; status: number | null; editor: string};

/** The whole round: open, apply, reopen with the problem on top until the text reads, or the user gives up. */
export function editWithExternalEditor(
	session: EditSession,
	options: {env?: NodeJS.ProcessEnv; nowMs?: () => number; run?: typeof runEditor} = {},
): EditRun {
	const run = options.run ?? runEditor;
	let text = session.text;
	for (;;) {
		const result = run(text, session.fileName, options.env ?? process.env);
		if (result.kind === 'failed') return {kind: 'editor-failed', status: result.status, editor: result.editor};
		const outcome = session.apply(result.text, options.nowMs ? {nowMs: options.nowMs()} : {});
		if (outcome.kind !== 'reopen') return outcome;
		text = outcome.text;
	}
}
