// The general HTML converter: turndown (with the GFM tables plugin) and rules for what Anki puts in
// cards. Rules emit the same marked stream as html-fast.ts instead of Markdown.
import {highlightCode, languageFromClass} from './code-highlight.js';
import {lazyModule} from './lazy-module.js';
import {BLOCK, BR, PARA, RULE, layout, wrap} from './marks.js';
import {
	type ConvertContext,
	imageMarker,
	inlineCodes,
	occlusionMarker,
	isHidden,
	linkText,
	mediaMarker,
	rubyReading,
	scriptText,
	wrapCodes,
} from './html-rules.js';

interface DomNode {
	nodeName: string;
	nodeType: number;
	nodeValue: string | null;
	textContent: string | null;
	parentNode: DomNode | null;
	childNodes: ArrayLike<DomNode>;
	isBlock?: boolean;
	getAttribute(name: string): string | null;
}
type Replacement = (content: string, node: DomNode, options?: unknown) => string;
interface Rule {
	filter: string | string[] | ((node: DomNode) => boolean);
	replacement: Replacement;
}
interface Turndown {
	addRule(key: string, rule: Rule): Turndown;
	use(plugin: (service: Turndown) => void): Turndown;
	remove(filter: string[]): Turndown;
	turndown(html: string): string;
	escape: (text: string) => string;
}

type TurndownConstructor = new (options: unknown) => Turndown;
const turndownModule = lazyModule<TurndownConstructor>('turndown');
const gfmModule = lazyModule<{tables: (service: Turndown) => void}>('@joplin/turndown-plugin-gfm');

let ctx: ConvertContext = {images: []};
const attrOf = (node: DomNode) => (name: string) => node.getAttribute(name) ?? undefined;

function preText(node: DomNode): string {
	let out = '';
	const children = node.childNodes;
	for (let i = 0; i < children.length; i++) {
		const child = children[i];
		if (child.nodeType === 3) out += child.nodeValue ?? '';
		else if (child.nodeName === 'BR') out += '\n';
		else if (child.nodeType === 1) {
			const block = child.nodeName === 'DIV' || child.nodeName === 'P';
			if (block && out !== '' && !out.endsWith('\n')) out += '\n';
			out += preText(child);
			if (block && !out.endsWith('\n')) out += '\n';
		}
	}
	return out;
}

function cleanCell(content: string): string {
	return content.replace(/[\ue003\ue004\ue005\ue006\n]+/g, ' ').trim();
}

function simpleTable(node: DomNode): string {
	const rows: string[] = [];
	const visit = (n: DomNode) => {
		for (let i = 0; i < n.childNodes.length; i++) {
			const child = n.childNodes[i];
			if (child.nodeName === 'TR') {
				const cells: string[] = [];
				for (let j = 0; j < child.childNodes.length; j++) {
					const cell = child.childNodes[j];
					if (cell.nodeName === 'TD' || cell.nodeName === 'TH') cells.push((cell.textContent ?? '').replace(/\s+/g, ' ').trim());
				}
				rows.push('| ' + cells.join(' | ') + ' |');
			} else if (child.nodeType === 1) visit(child);
		}
	};
	visit(node);
	return rows.join('\n');
}

function indentLines(content: string, first: string, rest: string): string {
	const body = layout(content).replace(/^\n+|\n+$/g, '');
	return body
		.split('\n')
		.map((line, i) => (i === 0 ? first : rest) + line)
		.join('\n');
}

function createService(): Turndown {
	const options = {
		headingStyle: 'atx',
		blankReplacement: (_content: string, node: DomNode) => {
			const mask = node.nodeType === 1 ? occlusionMarker(attrOf(node)) : undefined;
			if (mask) return BLOCK + mask + BLOCK;
			return node.isBlock ? BLOCK : '';
		},
		defaultReplacement: (content: string, node: DomNode) => (node.isBlock ? BLOCK + content + BLOCK : content),
	};
	const TurndownService = turndownModule();
	const service = new TurndownService(options);
	// Card text is not Markdown: nothing to escape.
	service.escape = (text: string) => text;

	// GFM tables; cells must stay on one line, and tables the plugin would keep as HTML get a plain grid.
	const addRule = service.addRule.bind(service);
	service.addRule = (key: string, rule: Rule) => {
		const original = rule.replacement;
		if (key === 'tableCell') rule = {...rule, replacement: (content, node, options) => original(cleanCell(content), node, options)};
		if (key === 'table') {
			rule = {
				...rule,
				replacement(content, node, options) {
					const out = original(content, node, options);
					return /<table/i.test(out) ? BLOCK + simpleTable(node) + BLOCK : out;
				},
			};
		}
		return addRule(key, rule);
	};
	service.use(gfmModule().tables);
	service.addRule = addRule;

	service.remove(['style', 'script', 'title', 'head', 'template', 'noscript']);
	service.addRule('ankiBlock', {
		filter: ['div', 'center', 'section', 'article', 'header', 'footer', 'main', 'figure', 'figcaption', 'address', 'nav', 'aside', 'dl', 'dt', 'details', 'summary'],
		replacement: (content) => BLOCK + content + BLOCK,
	});
	service.addRule('ankiParagraph', {filter: ['p'], replacement: (content) => PARA + content + PARA});
	service.addRule('ankiDefinition', {filter: ['dd'], replacement: (content) => BLOCK + indentLines(content, '  ', '  ') + BLOCK});
	service.addRule('ankiBreak', {filter: ['br'], replacement: () => BR});
	service.addRule('ankiRule', {filter: ['hr'], replacement: () => RULE});
	service.addRule('ankiHeading', {
		filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
		replacement: (content) => PARA + wrap('b', wrap('cheading', content)) + PARA,
	});
	service.addRule('ankiInline', {
		filter: ['span', 'font', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'small', 'mark', 'cite'],
		replacement: (content, node) => wrapCodes(inlineCodes(node.nodeName.toLowerCase(), attrOf(node)), content),
	});
	service.addRule('ankiScript', {
		filter: ['sub', 'sup'],
		replacement: (content, node) => scriptText(content, node.nodeName === 'SUB' ? 'sub' : 'sup'),
	});
	service.addRule('ankiRubyText', {filter: ['rt'], replacement: (content) => rubyReading(content)});
	service.addRule('ankiRubyParen', {filter: ['rp'], replacement: () => ''});
	service.addRule('ankiImage', {
		filter: ['img'],
		replacement: (_content, node) => imageMarker(attrOf(node), ctx),
	});
	service.addRule('ankiMedia', {
		filter: ['audio', 'video', 'source', 'object', 'embed'],
		replacement: (content, node) => {
			const kind = node.nodeName === 'VIDEO' ? 'video' : 'audio';
			return mediaMarker(kind, attrOf(node)('src') ?? attrOf(node)('data')) + (node.nodeName === 'OBJECT' ? '' : content);
		},
	});
	service.addRule('ankiLink', {filter: ['a'], replacement: (content, node) => linkText(content, attrOf(node)('href'), attrOf(node)('class'))});
	service.addRule('ankiInlineCode', {
		filter: (node) => (node.nodeName === 'CODE' || node.nodeName === 'KBD' || node.nodeName === 'TT' || node.nodeName === 'SAMP') && node.parentNode?.nodeName !== 'PRE',
		replacement: (content) => wrap('ccode', content),
	});
	service.addRule('ankiCodeBlock', {
		filter: ['pre'],
		replacement: (_content, node) => {
			let language = languageFromClass(node.getAttribute('class'));
			for (let i = 0; !language && i < node.childNodes.length; i++) {
				const child = node.childNodes[i];
				if (child.nodeName === 'CODE') language = languageFromClass(child.getAttribute('class'));
			}
			const code = preText(node).replace(/\n+$/, '');
			return BLOCK + highlightCode(code, language) + BLOCK;
		},
	});
	service.addRule('ankiList', {filter: ['ul', 'ol'], replacement: (content) => BLOCK + content + BLOCK});
	service.addRule('ankiListItem', {
		filter: ['li'],
		replacement: (content, node) => {
			const parent = node.parentNode;
			let marker = '• ';
			if (parent?.nodeName === 'OL') {
				let index = 0;
				for (let i = 0; i < parent.childNodes.length && parent.childNodes[i] !== node; i++) {
					if (parent.childNodes[i].nodeName === 'LI') index++;
				}
				const start = Number(parent.getAttribute('start') ?? '1');
				marker = `${(Number.isFinite(start) ? start : 1) + index}. `;
			}
			return BLOCK + indentLines(content, marker, ' '.repeat(marker.length)) + BLOCK;
		},
	});
	service.addRule('ankiQuote', {
		filter: ['blockquote'],
		replacement: (content) => PARA + indentLines(content, '│ ', '│ ') + PARA,
	});
	service.addRule('ankiInput', {filter: ['input', 'button', 'select', 'textarea', 'iframe', 'canvas', 'svg'], replacement: () => ''});
	// Hidden elements (Anki's hint text before it is revealed) show nothing; checked first.
	service.addRule('ankiHidden', {
		filter: (node) => node.nodeType === 1 && isHidden(node.getAttribute('style') ?? undefined),
		replacement: () => '',
	});
	return service;
}

let service: Turndown | undefined;

export function convertHtmlTurndown(html: string, context: ConvertContext): string {
	service ??= createService();
	ctx = context;
	try {
		return service.turndown(html);
	} finally {
		ctx = {images: []};
	}
}
