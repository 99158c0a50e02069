// Card HTML to styled terminal lines. Simple editor HTML takes the fast converter; everything else
// goes through turndown with Anki-specific rules. MathJax becomes readable TeX; controls are removed.
import {convertHtmlFast} from './html-fast.js';
import type {ConvertContext, ImageRef} from './html-rules.js';
import type {Occlusion} from './occlusion.js';
import {stripHtml} from './html-text.js';
import {convertHtmlTurndown} from './html-turndown.js';
import {buildStyled, layout} from './marks.js';
import {replaceMathjax} from './mathjax.js';
import {stripControlsKeepMarkers} from './sanitize.js';
import type {StyledText} from './styled.js';

export type {ConvertContext, ImageRef} from './html-rules.js';

export interface HtmlToStyledOptions {
	mediaExists?: (name: string) => boolean;
	/** Images referenced, in order (filled in). */
	images?: string[];
	/** Images to draw (file, placeholder text, size, occlusion), in order (filled in). */
	imageRefs?: ImageRef[];
	/** The side's Image Occlusion, for its marked image. */
	occlusion?: Occlusion;
	/** Force the turndown converter (tests compare both paths). */
	forceTurndown?: boolean;
}

export function htmlToMarked(html: string, options: HtmlToStyledOptions = {}): string {
	const ctx: ConvertContext = {images: options.images ?? [], imageRefs: options.imageRefs, occlusion: options.occlusion, mediaExists: options.mediaExists};
	const stream = (options.forceTurndown ? undefined : convertHtmlFast(html, ctx)) ?? safeTurndown(html, ctx);
	return stripControlsKeepMarkers(replaceMathjax(stream));
}

export function htmlToStyled(html: string, options: HtmlToStyledOptions = {}): StyledText {
	return buildStyled(layout(htmlToMarked(html, options)));
}

function safeTurndown(html: string, ctx: ConvertContext): string {
	try {
		return convertHtmlTurndown(html, ctx);
	} catch {
		// A card must never take the reviewer down: fall back to its bare text.
		return stripHtml(html);
	}
}
