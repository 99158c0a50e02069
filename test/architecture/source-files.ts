// The project's TypeScript sources (generated code aside), for the architecture tests.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../helpers/shared.js';

export const sourceRoot = path.join(projectRoot, 'source');

export function sourceFiles(dir: string = sourceRoot): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'gen' ? [] : sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}
