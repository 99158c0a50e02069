// The Browse window's remembered settings (collection config, as Anki keeps them): which mode,
// which sort column and direction per mode, and the search it opens with.
import type {Collection} from '../collection/types.js';
import {SORT_COLUMNS, isSortable, type ItemType, type SortColumn, type SortOrder} from '../search/index.js';

function config(col: Collection, key: string): unknown {
	try {
		return col.adapter.getConfig(key);
	} catch {
		return undefined;
	}
}

/** `browserTableShowNotesMode`: notes mode when true. */
export function browserItemType(col: Collection): ItemType {
	return config(col, 'browserTableShowNotesMode') === true ? 'notes' : 'cards';
}

/**
 * The sort the browser remembers: `sortType`/`sortBackwards` (cards), `noteSortType`/
 * `browserNoteSortBackwards` (notes). Anki leaves notes unsorted when the key is missing; we fall
 * back to the Sort Field there, which is what its column header then shows.
 */
export function browserSortOrder(col: Collection, itemType: ItemType): SortOrder {
	const column = config(col, itemType === 'cards' ? 'sortType' : 'noteSortType');
	const reverse = config(col, itemType === 'cards' ? 'sortBackwards' : 'browserNoteSortBackwards') === true;
	const known = SORT_COLUMNS.find(c => c === column);
	return known && isSortable(known, itemType) ? {column: known as SortColumn, reverse} : {column: 'noteFld', reverse: false};
}

/** `defaultSearchText` when set, else `deck:current` (aqt browser). */
export function defaultBrowserSearch(col: Collection): string {
	const text = config(col, 'defaultSearchText');
	return typeof text === 'string' && text.trim() !== '' ? text : 'deck:current';
}
