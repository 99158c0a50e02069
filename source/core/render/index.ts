// Rendering cards as Anki would, as clean terminal text. Pure: no SQL, no ink, no file access.
import type {Card, Note, Notetype, NotetypeTemplate} from '../model.js';
import {clozeNumbersInFields} from './cloze.js';
import {nonEmptyKeys} from './empty.js';
import {escapeHtml} from './entities.js';
import {htmlToStyled, type ImageRef} from './html-to-terminal.js';
import {replaceLatex} from './latex.js';
import {extractAvTags, type SoundRef} from './media-tags.js';
import {findOcclusion} from './occlusion.js';
import {stripControlSequences} from './sanitize.js';
import {addSpecialFields, noteFieldMap} from './special-fields.js';
import type {StyledText} from './styled.js';
import {
	EMPTY_FRONT_TEXT,
	emptyFrontHtml,
	missingClozeHtml,
	missingClozeText,
	TemplateRenderError,
	templateErrorDetails,
	templateErrorHtml,
} from './template/errors.js';
import {parseTemplateCached, type ParsedTemplate} from './template/parser.js';
import {renderTemplate, rendersWithFields} from './template/render.js';
import {findTypeAnswer, replaceTypeMarker, type TypeAnswer} from './type-answer.js';

export interface RenderInput {
	note: Note;
	notetype: Notetype;
	card: Card;
	/** Full `A::B` name of the card's deck (its original deck when it sits in a filtered deck). */
	deckName: string;
	/** Whether a media file exists (used for generated LaTeX images). */
	mediaExists?: (name: string) => boolean;
}

export interface RenderedCard {
	question: StyledText;
	answer: StyledText;
	/** The sides as Anki's template engine renders them (before sound tags and type markers are replaced). */
	questionHtml: string;
	answerHtml: string;
	/** Image files referenced (both sides, in order, no duplicates). */
	images: string[];
	/** The images each side shows, with the placeholder text where each goes (an occluded image once, captioned). */
	imageRefs: {question: ImageRef[]; answer: ImageRef[]};
	/** Sounds and TTS per side, in playing order (the answer includes FrontSide's). */
	sounds: {question: SoundRef[]; answer: SoundRef[]};
	typeAnswer?: TypeAnswer;
	/** `{{hint:Field}}` contents on the question, hidden until the user asks. */
	hints: Array<{field: string; text: StyledText}>;
	/** Anki's message when the template is broken or the card is empty (also shown on the card). */
	error?: string;
	/** The card would be deleted by Anki's Empty Cards (blank front / missing cloze). */
	isEmpty: boolean;
}

function templateFor(notetype: Notetype, ord: number): NotetypeTemplate | undefined {
	// Cloze notetypes always render with their first template.
	if (notetype.kind === 'cloze') return notetype.templates[0];
	return notetype.templates.find((t) => t.ord === ord) ?? notetype.templates[ord];
}

const HINT = /<a class=hint [^>]*>\n([^<]*)<\/a>\n<div id="hint\d+" class=hint style="display: none">([\s\S]*?)<\/div>\n/g;

/** Renders both sides of a card the way Anki does, then converts them for the terminal. */
export function renderCard(input: RenderInput): RenderedCard {
	const {note, notetype, card} = input;
	const template = templateFor(notetype, card.ord);
	const clean = stripControlSequences;
	const fields = noteFieldMap(note, notetype, clean);
	addSpecialFields(fields, {note, notetype, card, templateName: template?.name ?? '', deckName: input.deckName}, clean);
	const nonEmpty = nonEmptyKeys(fields);

	let questionHtml: string;
	let answerHtml: string;
	let error: string | undefined;
	let templateBroken = false;
	let isEmpty = false;
	if (!template) {
		error = `Card template ${card.ord + 1} of note type '${clean(notetype.name)}' is missing.`;
		questionHtml = answerHtml = escapeHtml(error);
		templateBroken = true;
	} else {
		const context = {fields, nonEmpty, cardOrd: card.ord, frontSide: undefined as string | undefined};
		let side: 'question' | 'answer' = 'question';
		try {
			const qTemplate: ParsedTemplate = parseTemplateCached(clean(template.qfmt));
			questionHtml = renderTemplate(qTemplate, context);
			let emptyMessage: string | undefined;
			if (notetype.kind === 'cloze') {
				if (!clozeNumbersInFields(fields.values()).has(card.ord + 1)) {
					emptyMessage = missingClozeHtml(card.ord + 1);
					error = missingClozeText(card.ord + 1);
				}
			} else if (!rendersWithFields(qTemplate, nonEmpty)) {
				emptyMessage = emptyFrontHtml();
				error = EMPTY_FRONT_TEXT;
			}
			if (emptyMessage) {
				isEmpty = true;
				questionHtml += emptyMessage;
				answerHtml = emptyMessage;
			} else {
				side = 'answer';
				answerHtml = renderTemplate(parseTemplateCached(clean(template.afmt)), {...context, frontSide: questionHtml});
			}
		} catch (caught) {
			if (!(caught instanceof TemplateRenderError)) throw caught;
			// Like Anki, a broken side replaces both sides with the message.
			questionHtml = answerHtml = templateErrorHtml(caught.error, side === 'question');
			templateBroken = true;
			error = `${side === 'question' ? 'Front' : 'Back'} template has a problem: ${templateErrorDetails(caught.error)}`;
		}
	}

	const typeAnswer = templateBroken ? undefined : findTypeAnswer(questionHtml, fields, notetype, card.ord);
	const images: string[] = [];
	const imageRefs: RenderedCard['imageRefs'] = {question: [], answer: []};
	const convert = (html: string, which: 'question' | 'answer') => {
		const withLatex = replaceLatex(html, notetype.latexSvg);
		const {html: withMarkers, sounds} = extractAvTags(withLatex);
		const typed = replaceTypeMarker(withMarkers, which, typeAnswer);
		// An Image Occlusion side shows its image once, captioned, with the masks drawn over it.
		const occluded = templateBroken ? null : findOcclusion(typed, notetype.css, which, card.ord + 1);
		const styled = htmlToStyled(occluded?.html ?? typed, {images, imageRefs: imageRefs[which], occlusion: occluded?.occlusion, mediaExists: input.mediaExists});
		return {styled, sounds};
	};
	const q = convert(questionHtml, 'question');
	const a = convert(answerHtml, 'answer');

	const hints: RenderedCard['hints'] = [];
	if (questionHtml.includes('class=hint')) {
		for (const m of questionHtml.matchAll(HINT)) hints.push({field: m[1], text: htmlToStyled(m[2])});
	}

	const result: RenderedCard = {
		question: q.styled,
		answer: a.styled,
		questionHtml,
		answerHtml,
		images,
		imageRefs,
		sounds: {question: q.sounds, answer: a.sounds},
		hints,
		isEmpty,
	};
	if (typeAnswer && !('error' in typeAnswer)) result.typeAnswer = typeAnswer;
	if (error) result.error = error;
	return result;
}

export {cardOrdinalsForNote} from './cardgen.js';
export {clozeNumbersInFields, clozeNumbersInString, extractClozeForTyping, revealClozeText, revealClozeTextOnly} from './cloze.js';
export {fieldIsEmpty} from './empty.js';
export {furiganaFilter, kanaFilter, kanjiFilter} from './furigana.js';
export {htmlToStyled} from './html-to-terminal.js';
export type {ImageRef} from './html-to-terminal.js';
export {drawnShapes, occlusionShapes, occlusionColors, defaultOcclusionColors} from './occlusion.js';
export type {Occlusion, OcclusionColors, OcclusionShape} from './occlusion.js';
export {htmlToTextLine, stripHtml, stripHtmlPreservingMediaFilenames} from './html-text.js';
export {latexFileName} from './latex.js';
export {readableTex} from './mathjax.js';
export type {SoundRef} from './media-tags.js';
export {stripControlSequences} from './sanitize.js';
export {RENDER_TOKENS, colorEnabled, toAnsi, toPlainText} from './styled.js';
export type {ColorToken, HexColor, RenderToken, SpanStyle, StyledLine, StyledSpan, StyledText} from './styled.js';
export {typeAnswerCompare, typeAnswerStyled} from './type-answer.js';
export type {DiffSegment, TypeAnswer, TypeAnswerComparison} from './type-answer.js';
