// Anki's LaTeX tags become `<img class=latex alt="source" src="latex-<sha1>.png">` (rslib latex.rs);
// the image exists only if the desktop generated it, so the converter shows the source otherwise.
import {nodeCrypto} from '../lazy-crypto.js';
import {encodeAttributeLikeAnki} from './entities.js';
import {stripHtml} from './html-text.js';

const LATEX = /\[latex\]([\s\S]+?)\[\/latex\]|\[\$\]([\s\S]+?)\[\/\$\]|\[\$\$\]([\s\S]+?)\[\/\$\$\]/gi;
const LATEX_NEWLINES = /<br( *\/)?>|<div>/gi;

// [latex] keeps <br>/<div> as newlines; [$] and [$$] drop them so math gets no blank lines.
function latexFromHtml(html: string, breaks: '\n' | ''): string {
	return stripHtml(html.replace(LATEX_NEWLINES, breaks));
}

export function latexFileName(latex: string, svg: boolean): string {
	const sum = nodeCrypto().createHash('sha1').update(latex, 'utf8').digest('hex');
	return `latex-${sum}.${svg ? 'svg' : 'png'}`;
}

export function replaceLatex(html: string, svg: boolean): string {
	if (!html.includes('[')) return html;
	return html.replace(LATEX, (_m, standard: string | undefined, inline: string | undefined, display: string | undefined) => {
		let latex: string;
		if (standard !== undefined) latex = latexFromHtml(standard, '\n');
		else if (inline !== undefined) latex = `$${latexFromHtml(inline, '')}$`;
		else latex = `\\begin{displaymath}${latexFromHtml(display ?? '', '')}\\end{displaymath}`;
		return `<img class=latex alt="${encodeAttributeLikeAnki(latex)}" src="${latexFileName(latex, svg)}">`;
	});
}
