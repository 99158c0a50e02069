// node:crypto on first use. Loading it costs 5-10 ms of CPU at start-up, which a search (it hashes
// only for dupe:) or rendering cards (only LaTeX is hashed) rarely needs.
import {createRequire} from 'node:module';

let crypto: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
	return (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
}
