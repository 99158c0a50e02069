// Media during import (rslib apkg/import/media.rs): a file whose name is free is copied as is; the
// same name with the same bytes is skipped; the same name with other bytes gets "stem-<sha1>.ext"
// and the notes that use it are rewritten. Static files (`_name`, `latex-...`) are never renamed
// and are skipped when the name exists. Only files the imported notes use are copied.
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {MediaSource} from './merge-input.js';

export interface PlannedMedia {
	/** Name inside the package. */
	source: string;
	/** Name in the collection's media folder (differs when renamed). */
	target: string;
	/** False when an identical file is already there. */
	copy: boolean;
	isStatic: boolean;
	renamed: boolean;
	used: boolean;
}

type Placement = Pick<PlannedMedia, 'target' | 'copy' | 'renamed'>;

/**
 * A file whose place in the folder is worked out when first asked (its note uses it, or it is
 * static): a same-named file already in the folder is hashed only then, so importing a package
 * again, when no note is new, reads none of the files it brought last time.
 */
class LazyPlannedMedia implements PlannedMedia {
	used = false;
	private placement: Placement | undefined;

	constructor(
		readonly source: string,
		readonly isStatic: boolean,
		private readonly place: () => Placement,
	) {}

	private get placed(): Placement {
		return (this.placement ??= this.place());
	}

	get target(): string {
		return this.placed.target;
	}

	get copy(): boolean {
		return this.placed.copy;
	}

	get renamed(): boolean {
		return this.placed.renamed;
	}
}

export class MediaPlan {
	readonly byName = new Map<string, PlannedMedia>();

	/** Marks a referenced name used and returns the name to write into the note. */
	use(name: string): string | undefined {
		const entry = this.byName.get(name.normalize('NFC'));
		if (!entry) return undefined;
		entry.used = true;
		return entry.target;
	}

	toCopy(): PlannedMedia[] {
		// used or static first: an unused file's place is never worked out
		return [...this.byName.values()].filter(m => (m.used || m.isStatic) && m.copy);
	}
}

const sha1 = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');

function fileSha1(file: string): string {
	return sha1(readFileSync(file));
}

/** "foo.jpg" + hash -> "foo-<hash>.jpg" (media/files.rs add_hash_suffix_to_file_stem). */
export function hashSuffixedName(name: string, hashHex: string): string {
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
	// keep the whole name within Anki's 120-byte limit once the 41 hash bytes are added
	let shortStem = stem;
	while (Buffer.byteLength(shortStem) > 120 - 41 - (ext ? ext.length + 1 : 0)) shortStem = shortStem.slice(0, -1);
	return `${shortStem}-${hashHex}.${ext}`;
}

/**
 * Where a file goes: its own name when free; nowhere when the same bytes (or a static file) are
 * there; else its hash-suffixed name, unless that already holds the same bytes. `incoming` gives
 * the file's SHA-1 (hex), asked only when a same-named file is there.
 */
function placeFile(name: string, isStatic: boolean, mediaDir: string, incoming: () => string): Placement {
	const existing = path.join(mediaDir, name);
	if (!existsSync(existing)) return {target: name, copy: true, renamed: false};
	if (isStatic) return {target: name, copy: false, renamed: false};
	const hash = incoming();
	if (hash === fileSha1(existing)) return {target: name, copy: false, renamed: false};
	const target = hashSuffixedName(name, hash);
	const renamedPath = path.join(mediaDir, target);
	// imported before under the hashed name: nothing to copy again
	const copy = !(existsSync(renamedPath) && fileSha1(renamedPath) === hash);
	return {target, copy, renamed: true};
}

export async function planMedia(media: MediaSource, mediaDir: string): Promise<MediaPlan> {
	const plan = new MediaPlan();
	for (const entry of media.entries) {
		const name = entry.name;
		const isStatic = name.startsWith('_') || name.startsWith('latex-');
		const declared = entry.sha1;
		if (declared) {
			// The package lists each file's SHA-1 (version 3): placed when first asked.
			const hex = Buffer.from(declared).toString('hex');
			plan.byName.set(name, new LazyPlannedMedia(name, isStatic, () => placeFile(name, isStatic, mediaDir, () => hex)));
			continue;
		}
		// Older packages: the file is read from the package (asynchronously) to hash it, so it is
		// placed now.
		let incoming: string | undefined;
		if (!isStatic && existsSync(path.join(mediaDir, name))) incoming = sha1(await media.read(name));
		const placement = placeFile(name, isStatic, mediaDir, () => incoming!);
		plan.byName.set(name, {source: name, isStatic, used: false, ...placement});
	}
	return plan;
}

// Where notes name media files (text.rs / media refs): <img src>, <audio|video|source src>,
// <object data>, and [sound:...].
const htmlRef = /(<(?:img|audio|video|source|embed)\b[^>]*?\bsrc\s*=\s*|<object\b[^>]*?\bdata\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const soundRef = /\[sound:([^\]]+)\]/g;

function decodeEntities(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

function encodeAttribute(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Marks the media a field uses and returns the field with renamed files rewritten. */
export function rewriteMediaRefs(field: string, plan: MediaPlan): string {
	let out = field.replace(htmlRef, (whole, prefix: string, _quoted: string, dq?: string, sq?: string, bare?: string) => {
		const raw = dq ?? sq ?? bare ?? '';
		if (/^(https?:|data:)/i.test(raw)) return whole;
		const target = plan.use(decodeEntities(raw));
		if (target === undefined || target === decodeEntities(raw)) return whole;
		return `${prefix}"${encodeAttribute(target)}"`;
	});
	out = out.replace(soundRef, (whole, raw: string) => {
		const target = plan.use(decodeEntities(raw));
		return target === undefined || target === decodeEntities(raw) ? whole : `[sound:${target}]`;
	});
	return out;
}
