// The screens' output boundary: every string a screen draws is a child of this Text, which passes it
// through core's terminal-safe rule before Ink sees it. Ink 6 keeps OSC sequences in text on
// purpose (for hyperlinks), so a deck named with `ESC ] 0 ; ... BEL` would retitle the window, and
// `ESC ] 52` write the clipboard; here they never get that far. Ink adds the theme's colours after
// this, so the theme's SGR is the only styling that reaches the terminal.
// test/architecture/terminal-output.test.ts forbids ink's own Text anywhere else in source/ui, so a
// screen added later is covered without knowing about this file.
import React from 'react';
import {Text as InkText, type TextProps} from 'ink';
import {terminalSafe} from '../core/text/terminal-safe.js';

/** Strings anywhere in `children` (arrays and fragments included) made terminal-safe. */
function safeChildren(children: React.ReactNode, sgr: boolean): React.ReactNode {
	if (typeof children === 'string') return terminalSafe(children, {sgr});
	if (Array.isArray(children)) return children.map((child: React.ReactNode) => safeChildren(child, sgr));
	if (React.isValidElement<{children?: React.ReactNode}>(children) && children.type === React.Fragment) {
		return React.cloneElement(children, undefined, safeChildren(children.props.children, sgr));
	}
	return children;
}

/** Ink's Text, with every string in it made terminal-safe (tab and newline kept). */
export function Text(props: TextProps): React.JSX.Element {
	return <InkText {...props}>{safeChildren(props.children, false)}</InkText>;
}

/**
 * A row of an inline image drawn as text (coloured half blocks, kitty placeholder cells): the
 * image output's own SGR colours stay, every other sequence still goes.
 */
export function ImageRowText(props: {children: string}): React.JSX.Element {
	return <InkText>{terminalSafe(props.children, {sgr: true})}</InkText>;
}
