// One row of a form: a label and its value, the focused row marked; text being edited shows its
// end with a cursor, so long searches stay readable at 80 columns.
import React from 'react';
import {Text} from '../safe-text.js';
import type {Theme} from '../theme.js';
import {textWidth} from '../wrap.js';
import {Tok} from './StyledLines.js';

/** The end of `text` that fits in `width` cells, with `…` when cut. */
export function tailToFit(text: string, width: number): string {
	if (textWidth(text) <= width) return text;
	const chars = [...text];
	let out = '';
	for (let i = chars.length - 1; i >= 0; i--) {
		if (textWidth(`…${chars[i]}${out}`) > width) break;
		out = chars[i] + out;
	}
	return `…${out}`;
}

export interface FieldProps {
	theme: Theme;
	width: number;
	label: string;
	/** Shown after the label, padded to this many cells. */
	labelWidth: number;
	value: string;
	focused: boolean;
	/** A text or number being typed into: shows a cursor. */
	editing?: boolean;
}

export function Field({theme, width, label, labelWidth, value, focused, editing}: FieldProps): React.JSX.Element {
	const room = Math.max(4, width - labelWidth - 3);
	const shown = editing && focused ? `${tailToFit(value, room - 1)}█` : tailToFit(value, room);
	return (
		<Text wrap="truncate-end">
			<Tok theme={theme} token={focused ? 'accent' : 'muted'}>
				{focused ? '› ' : '  '}
			</Tok>
			<Tok theme={theme} token={focused ? 'selected' : 'text'}>
				{label.padEnd(labelWidth)}
			</Tok>
			<Text> </Text>
			<Tok theme={theme} token={focused ? 'accent' : 'text'}>
				{shown}
			</Tok>
		</Text>
	);
}

/** A check box or radio mark: `[x]`, `[ ]`, `(•)`, `( )`. */
export function mark(on: boolean, radio = false): string {
	return radio ? (on ? '(•)' : '( )') : on ? '[x]' : '[ ]';
}
