// sfld and csum of a note, recomputed on receipt because the wire carries them as "" (as Anki's
// receiver does): the same derivation as a local edit (core/notes/fields.ts).
import {derivedColumns} from '../notes/fields.js';

export function fieldCache(fields: string[], sortIndex: number): {sfld: string; csum: number} {
	return derivedColumns(fields, sortIndex);
}
