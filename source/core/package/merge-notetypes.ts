// Notetypes on import (rslib apkg/import/notes.rs, no merging): matched by id; when the collection's
// notetype with that id has other fields or templates, the incoming one is added under a new id
// (and found again by its original id on the next import) so existing notes keep their shape.
import type {Notetype, NotetypeField, NotetypeTemplate} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';

export interface NotetypeMerge {
	/** Package notetype id -> collection notetype id. */
	remap: Map<number, number>;
	added: number;
	updated: number;
}

/** Optional adapter method (not in the shared contract yet): rewrites a notetype in place. */
type CanUpdateNotetype = {updateNotetype?: (notetype: Notetype, nowSecs: number) => void};

function sameItem(a: NotetypeField | NotetypeTemplate, b: NotetypeField | NotetypeTemplate): boolean {
	// Anki matches fields/templates by their stable id when both have one, else by name
	const idA = a.extra?.id;
	const idB = b.extra?.id;
	if (idA !== undefined && idA !== null && idB !== undefined && idB !== null) return String(idA) === String(idB);
	return a.name === b.name;
}

export function equalSchema(a: Notetype, b: Notetype): boolean {
	return (
		a.fields.length === b.fields.length &&
		a.templates.length === b.templates.length &&
		a.fields.every((f, i) => sameItem(f, b.fields[i])) &&
		a.templates.every((t, i) => sameItem(t, b.templates[i]))
	);
}

const originalIdOf = (nt: Notetype): string | undefined => {
	const value = nt.extra?.originalId;
	return value === undefined || value === null ? undefined : String(value);
};

export function mergeNotetypes(target: SchemaAdapter, incoming: Notetype[], nowSecs: number): NotetypeMerge {
	const existing = target.notetypes();
	const remap = new Map<number, number>();
	let added = 0;
	let updated = 0;
	const add = (nt: Notetype, keepId: boolean): number => {
		const copy: Notetype = structuredClone(nt);
		copy.id = keepId ? nt.id : 0;
		// Anki records where a notetype came from, to find it again on the next import
		copy.extra = {...copy.extra, originalId: nt.id};
		while (existing.some(t => t.name.toLowerCase() === copy.name.toLowerCase())) copy.name += '+';
		copy.usn = -1;
		const id = target.addNotetype(copy, nowSecs) as unknown as number | undefined;
		const newId = typeof id === 'number' ? id : copy.id;
		existing.push({...copy, id: newId});
		added++;
		return newId;
	};
	for (const nt of incoming) {
		const same = existing.find(t => t.id === nt.id);
		if (!same) {
			remap.set(nt.id, add(nt, true));
		} else if (equalSchema(same, nt)) {
			// same shape: notes map onto it directly; a newer one brings its templates and CSS
			remap.set(nt.id, same.id);
			const update = (target as SchemaAdapter & CanUpdateNotetype).updateNotetype;
			if (update && same.mtimeSecs < nt.mtimeSecs) {
				update.call(target, {...structuredClone(nt), id: same.id, usn: -1}, nowSecs);
				updated++;
			}
		} else {
			const earlier = existing.find(t => t.id !== nt.id && originalIdOf(t) === String(nt.id) && equalSchema(t, nt));
			remap.set(nt.id, earlier ? earlier.id : add(nt, false));
		}
	}
	return {remap, added, updated};
}
