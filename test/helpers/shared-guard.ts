// Vitest global setup: the shared real Anki files are other people's data and must stay exactly as
// published. Fingerprints the shared folder (every file's size and mtime) before the run and fails
// the run if a file was changed, added or removed. (Folder times are left out: other test runs on the
// same machine may open the folder too, and only what stays behind matters to the next reader.)
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {sharedRoot} from './shared.js';

export function fingerprint(root: string): Map<string, string> {
	const entries = new Map<string, string>();
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir, {withFileTypes: true})) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) visit(full);
			else {
				const s = statSync(full);
				entries.set(path.relative(root, full), `${s.size} ${s.mtimeMs}`);
			}
		}
	};
	visit(root);
	return entries;
}

export function differences(before: Map<string, string>, after: Map<string, string>): string[] {
	const changed: string[] = [];
	for (const [name, value] of after) if (before.get(name) !== value) changed.push(before.has(name) ? `changed: ${name}` : `added: ${name}`);
	for (const name of before.keys()) if (!after.has(name)) changed.push(`removed: ${name}`);
	return changed;
}

export default function setup(): (() => void) | undefined {
	if (!existsSync(sharedRoot)) return undefined;
	const before = fingerprint(sharedRoot);
	return () => {
		const changed = differences(before, fingerprint(sharedRoot));
		if (changed.length > 0) {
			throw new Error(`The test run changed the shared fixtures in ${sharedRoot} (open them through sharedFile()/privateCopyOf()): ${changed.join('; ')}`);
		}
	};
}
