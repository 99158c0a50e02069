// Anki's LaTeX tags become `<img class=latex alt="source" src="latex-<sha1>.png">` (rslib latex.rs);
// the image exists only if the desktop generated it, so the converter shows the source otherwise.
import {createHash} from 'node:crypto';
import {escapeAttribute} from './entities.js';
import {stripHtml} from './html-text.js';

const LATEX = /\[latex\]([\s\S]+?)\[\/latex\]|\[\$\]([\s\S]+?)\[\/\$\]|\[\$\$\]([\s\S]+?)\[\/\$\$\]/gi;
const LATEX_NEWLINES = /<br( *\/)?>|<div>/gi;

function latexFromHtml(html: string): string {
	return stripHtml(html.replace(LATEX_NEWLINES, '\n'));
}

export function latexFileName(latex: string, svg: boolean): string {
	const sum = createHash('sha1').update(latex, 'utf8').digest('hex');
	return `latex-${sum}.${svg ? 'svg' : 'png'}`;
}

export function replaceLatex(html: string, svg: boolean): string {
	if (!html.includes('[')) return html;
	return html.replace(LATEX, (_m, standard: string | undefined, inline: string | undefined, display: string | undefined) => {
		let source: string;
		if (standard !== undefined) source = standard;
		else if (inline !== undefined) source = `$${inline}$`;
		else source = `\\begin{displaymath}${display}\\end{displaymath}`;
		const latex = latexFromHtml(source);
		return `<img class=latex alt="${escapeAttribute(latex)}" src="${latexFileName(latex, svg)}">`;
	});
}
