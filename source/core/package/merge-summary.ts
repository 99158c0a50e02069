// What an import did, and the one line the CLI prints about it.

export interface ImportSummary {
	packageFile: string;
	notesAdded: number;
	notesUpdated: number;
	/** Same guid already present and not older: left as it was. */
	notesUnchanged: number;
	/** Same guid but a different notetype in the collection: skipped, as Anki does. */
	notesConflicting: number;
	cardsAdded: number;
	revlogAdded: number;
	notetypesAdded: number;
	decksAdded: number;
	deckConfigsAdded: number;
	mediaAdded: number;
	/** Media files whose name was taken by different content: stored under a new name. */
	mediaRenamed: number;
	/** The collection was on the v1 scheduler and was upgraded to v2 first (forces a full sync). */
	schedulerUpgraded: boolean;
	/** Where the pre-import backup went (undefined: none taken in this call). */
	backupPath?: string;
	warnings: string[];
}

export function emptySummary(packageFile: string): ImportSummary {
	return {
		packageFile,
		notesAdded: 0,
		notesUpdated: 0,
		notesUnchanged: 0,
		notesConflicting: 0,
		cardsAdded: 0,
		revlogAdded: 0,
		notetypesAdded: 0,
		decksAdded: 0,
		deckConfigsAdded: 0,
		mediaAdded: 0,
		mediaRenamed: 0,
		schedulerUpgraded: false,
		warnings: [],
	};
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** e.g. "Imported demo.apkg: 20 notes added, 0 updated, 0 unchanged; 28 cards, 22 reviews, 2 media files, 5 decks, 1 notetype added." */
export function summaryLine(s: ImportSummary, displayName: string): string {
	const total = s.notesAdded + s.notesUpdated + s.cardsAdded + s.revlogAdded + s.mediaAdded + s.decksAdded + s.notetypesAdded;
	const head = `Imported ${displayName}: `;
	if (total === 0) {
		const seen = s.notesUnchanged + s.notesConflicting;
		return `${head}nothing new (${plural(seen, 'note')} already in the collection).`;
	}
	const parts = [`${plural(s.notesAdded, 'note')} added, ${s.notesUpdated} updated, ${s.notesUnchanged} unchanged`];
	const added = [
		plural(s.cardsAdded, 'card'),
		plural(s.revlogAdded, 'review'),
		plural(s.mediaAdded, 'media file', 'media files') + (s.mediaRenamed ? ` (${s.mediaRenamed} renamed)` : ''),
		plural(s.decksAdded, 'deck'),
		plural(s.notetypesAdded, 'notetype'),
	];
	let line = `${head}${parts.join('')}; ${added.join(', ')} added.`;
	if (s.notesConflicting) line += ` ${plural(s.notesConflicting, 'note')} skipped: the collection has them with another notetype.`;
	return line;
}
