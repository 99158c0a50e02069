// Loads a CommonJS dependency on first use. cli-highlight (all highlight.js languages) costs about
// half a second to import and turndown a fifth: most cards need neither, so startup should not pay.
import {createRequire} from 'node:module';

const loadCjs = createRequire(import.meta.url);

export function lazyModule<T>(name: string): () => T {
	let loaded: T | undefined;
	return () => (loaded ??= loadCjs(name) as T);
}
