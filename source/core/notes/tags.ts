// Tags on notes as Anki writes them (rslib tags/register.rs, bulkadd.rs, matcher.rs): split on
// spaces and U+3000, normalized, spelled as the registry spells them, registered when new (usn -1),
// deduplicated case-insensitively (first spelling wins) and sorted in unicase order.
import type Database from 'better-sqlite3';
import {adjustCaseForParents, joinTags, normalizeTagName, splitTags} from '../collection/tag-names.js';
import type {Collection} from '../collection/types.js';
import {compareUnicase, unicaseFold} from '../collection/unicase-fold.js';

const hasUnicase = new WeakMap<Database.Database, boolean>();

function unicaseLoaded(db: Database.Database): boolean {
	let loaded = hasUnicase.get(db);
	if (loaded === undefined) {
		loaded = (db.pragma('collation_list') as Array<{name: string}>).some(c => c.name === 'unicase');
		hasUnicase.set(db, loaded);
	}
	return loaded;
}

/** Drops later case variants (first spelling wins) and sorts as Anki's UniCase order. */
export function dedupeAndSortTags(db: Database.Database, tags: readonly string[]): string[] {
	if (tags.length === 0) return [];
	if (unicaseLoaded(db)) {
		// The real collation (native/unicase.c), so the order is Anki's to the code point.
		return db
			.prepare(
				`SELECT j.value FROM json_each(@tags) j
				 WHERE NOT EXISTS (SELECT 1 FROM json_each(@tags) k WHERE k.key < j.key AND k.value = j.value COLLATE unicase)
				 ORDER BY j.value COLLATE unicase`,
			)
			.pluck()
			.all({tags: JSON.stringify(tags)}) as string[];
	}
	const seen = new Set<string>();
	const unique = tags.filter(tag => {
		const key = unicaseFold(tag);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return unique.sort(compareUnicase);
}

/** Anki's canonify_tags: every tag in the registry's spelling, new ones registered; the sorted list. */
export function canonifyTags(col: Collection, tags: readonly string[]): string[] {
	const names: string[] = [];
	for (const raw of tags.flatMap(splitTags)) {
		const name = normalizeTagName(raw);
		const known = col.adapter.findTag(name);
		if (known !== undefined) {
			names.push(known);
			continue;
		}
		const spelled = adjustCaseForParents(name, parent => col.adapter.findTag(parent));
		col.adapter.addTag(spelled);
		names.push(spelled);
	}
	return dedupeAndSortTags(col.db, names);
}

export {joinTags, splitTags};

/** Anki's add_missing_tags: the note's tags plus those it lacks (any case), re-sorted; null when none was missing. */
export function withTagsAdded(db: Database.Database, noteTags: string, add: readonly string[]): string | null {
	const current = splitTags(noteTags);
	const have = new Set(current.map(unicaseFold));
	const missing = add.filter(tag => !have.has(unicaseFold(tag)));
	if (missing.length === 0) return null;
	return joinTags(dedupeAndSortTags(db, [...current, ...missing]));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Anki's TagMatcher: each tag and its children (`a` matches `a` and `a::b`), case-insensitive. */
export function tagMatcher(tags: string): (tag: string) => boolean {
	const names = splitTags(tags).map(escapeRegExp);
	if (names.length === 0) return () => false;
	const re = new RegExp(`(?:^| )(${names.join('|')})(?:::| |$)`, 'iu');
	return tag => re.test(tag);
}

/** Anki's remove_tags_from_notes for one note: the remaining tags in their order; null when none matched. */
export function withTagsRemoved(noteTags: string, matches: (tag: string) => boolean): string | null {
	const current = splitTags(noteTags);
	const kept = current.filter(tag => !matches(tag));
	return kept.length === current.length ? null : joinTags(kept);
}
