// `[sound:file]` and `[anki:tts …]text[/anki:tts]` in rendered HTML (rslib card_rendering): collected
// for playback and replaced by a visible marker.
import {decodeEntities, escapeHtml} from './entities.js';
import {stripHtml} from './html-text.js';
import {wrap} from './marks.js';

export type SoundRef =
	| {kind: 'sound'; file: string}
	| {kind: 'tts'; lang: string; voices: string[]; speed: number; text: string; options: Record<string, string>};

const AV_TAG = /\[sound:([^\]]+)\]|\[anki:tts((?:[^\]])*)\]([\s\S]*?)\[\/anki:tts\]/g;

function parseOptions(raw: string): Record<string, string> {
	const options: Record<string, string> = {};
	for (const part of raw.trim().split(/\s+/)) {
		const eq = part.indexOf('=');
		if (eq > 0) options[part.slice(0, eq)] = part.slice(eq + 1);
	}
	return options;
}

function marker(text: string): string {
	return escapeHtml(wrap('cmarker', text));
}

/** Removes AV tags (rslib `strip_av_tags`). */
export function stripAvTags(html: string): string {
	return html.replace(AV_TAG, '');
}

/** Replaces AV tags with markers and returns the references in order. */
export function extractAvTags(html: string): {html: string; sounds: SoundRef[]} {
	const sounds: SoundRef[] = [];
	if (!html.includes('[sound:') && !html.includes('[anki:tts')) return {html, sounds};
	const out = html.replace(AV_TAG, (_m, file: string | undefined, rawOptions: string | undefined, body: string | undefined) => {
		if (file !== undefined) {
			const name = decodeEntities(file);
			sounds.push({kind: 'sound', file: name});
			return marker(`[sound: ${name}]`);
		}
		const options = parseOptions(rawOptions ?? '');
		const lang = options.lang;
		if (!lang) return marker('[TTS: missing lang]');
		let text = stripHtml(body ?? '');
		// Anki speaks the cloze placeholder as the given word (or nothing).
		if (options.cloze_blank !== undefined) text = text.replace(/\[\.\.\.\]/g, options.cloze_blank);
		sounds.push({
			kind: 'tts',
			lang,
			voices: options.voices ? options.voices.split(',').filter(Boolean) : [],
			speed: options.speed ? Number(options.speed) || 1 : 1,
			text,
			options,
		});
		return marker(`[TTS: ${lang}]`);
	});
	return {html: out, sounds};
}
