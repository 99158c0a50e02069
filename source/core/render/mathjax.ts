// MathJax (`\( … \)`, `\[ … \]`) cannot run in a terminal: show the TeX made readable (Greek
// letters, operators, sub/superscripts as Unicode, fractions as a/b).
import {BLOCK, CLOSE, OPEN, wrap} from './marks.js';
import {scriptText} from './html-rules.js';

const SYMBOLS: Record<string, string> = {
	alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
	vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ',
	tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
	Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
	times: '×', cdot: '·', pm: '±', mp: '∓', div: '÷', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠',
	approx: '≈', equiv: '≡', sim: '∼', simeq: '≃', cong: '≅', propto: '∝', infty: '∞', to: '→', rightarrow: '→',
	leftarrow: '←', Rightarrow: '⇒', Leftarrow: '⇐', leftrightarrow: '↔', Leftrightarrow: '⇔', iff: '⇔',
	implies: '⇒', mapsto: '↦', partial: '∂', nabla: '∇', sum: '∑', prod: '∏', int: '∫', oint: '∮', iint: '∬',
	in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇', cup: '∪', cap: '∩',
	forall: '∀', exists: '∃', neg: '¬', lnot: '¬', land: '∧', wedge: '∧', lor: '∨', vee: '∨', emptyset: '∅',
	varnothing: '∅', ldots: '…', cdots: '⋯', dots: '…', vdots: '⋮', degree: '°', circ: '∘', angle: '∠',
	perp: '⊥', parallel: '∥', hbar: 'ħ', ell: 'ℓ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', oplus: '⊕', otimes: '⊗',
	langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', cdotp: '·', star: '⋆', ast: '∗',
	quad: '  ', qquad: '    ', lim: 'lim', sin: 'sin', cos: 'cos', tan: 'tan', log: 'log', ln: 'ln', exp: 'exp',
	min: 'min', max: 'max', det: 'det', mid: '|', vert: '|', Vert: '‖', backslash: '\\', prime: '′',
};
const BLACKBOARD: Record<string, string> = {R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', P: 'ℙ'};

function group(tex: string): string {
	return tex.length > 1 && /[\s+\-*/=]/.test(tex) ? `(${tex})` : tex;
}

/** Readable text for a TeX expression. */
export function readableTex(source: string): string {
	let tex = source;
	for (let pass = 0; pass < 4 && /\\(frac|dfrac|tfrac|sqrt)/.test(tex); pass++) {
		tex = tex
			.replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_m, a: string, b: string) => `${group(a)}/${group(b)}`)
			.replace(/\\sqrt\s*\[([^\]]*)\]\s*\{([^{}]*)\}/g, (_m, n: string, a: string) => `${scriptText(n, 'sup')}√${group(a)}`)
			.replace(/\\sqrt\s*\{([^{}]*)\}/g, (_m, a: string) => `√${group(a)}`);
	}
	tex = tex
		.replace(/\\mathbb\s*\{([A-Z])\}/g, (m, c: string) => BLACKBOARD[c] ?? c)
		.replace(/\\(?:text|mathrm|mathbf|mathit|textbf|textit|operatorname|mathsf|mathtt|boldsymbol)\s*\{([^{}]*)\}/g, '$1')
		.replace(/\\(?:left|right|big|Big|bigg|Bigg)\s*([()[\]|.]|\\[{}])/g, (_m, d: string) => (d === '.' ? '' : d.replace('\\', '')))
		.replace(/\\([a-zA-Z]+)/g, (m, name: string) => SYMBOLS[name] ?? m)
		.replace(/\\[,;:!> ]/g, (m) => (m === '\\!' ? '' : ' '))
		.replace(/\\([{}%$&#_])/g, '$1')
		.replace(/\^\s*\{([^{}]*)\}|\^\s*([^\s{}\\])/g, (_m, a: string | undefined, b: string | undefined) => scriptText(a ?? b ?? '', 'sup'))
		.replace(/_\s*\{([^{}]*)\}|_\s*([^\s{}\\])/g, (_m, a: string | undefined, b: string | undefined) => scriptText(a ?? b ?? '', 'sub'))
		.replace(/[{}]/g, '');
	return tex.replace(/\s+/g, ' ').trim();
}

const INLINE = /\\\(([\s\S]*?)\\\)/g;
const DISPLAY = /\\\[([\s\S]*?)\\\]/g;

/** Replaces MathJax regions in a marked stream with readable, styled TeX. */
export function replaceMathjax(stream: string): string {
	if (!stream.includes('\\(') && !stream.includes('\\[')) return stream;
	const pretty = (inner: string) => {
		// Style markers inside (a cloze in a formula) are kept; only the text between them changes.
		const parts = inner.split(/(\ue000[^\ue001]*\ue001|\ue002)/);
		return parts.map((part) => (part.startsWith(OPEN) || part === CLOSE ? part : readableTex(part))).join('');
	};
	// Only text up to the last closer can match (keeps the lazy patterns linear on odd input).
	const end = Math.max(stream.lastIndexOf('\\)'), stream.lastIndexOf('\\]')) + 2;
	if (end < 2) return stream;
	const head = stream
		.slice(0, end)
		.replace(DISPLAY, (_m, inner: string) => BLOCK + wrap('cmath', pretty(inner)) + BLOCK)
		.replace(INLINE, (_m, inner: string) => wrap('cmath', pretty(inner)));
	return head + stream.slice(end);
}
