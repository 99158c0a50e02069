// Draws already-wrapped styled rows, one ink line each, with styles from the theme's tokens.
import React from 'react';
import {Box} from 'ink';
import {ImageRowText, Text} from '../safe-text.js';
import {tokenStyle, type Theme, type Token} from '../theme.js';
import type {ViewLine, ViewSpan} from '../view-types.js';

export function SpanText({span, theme}: {span: ViewSpan; theme: Theme}): React.JSX.Element {
	// An inline image's row carries the image output's own colours.
	if (span.slot === 'image') return <ImageRowText>{span.text}</ImageRowText>;
	const style = tokenStyle(theme, span.token);
	const cardColor = theme.name === 'none' ? undefined : span.color;
	return (
		<Text
			color={cardColor ?? style.color}
			backgroundColor={style.backgroundColor}
			dimColor={span.dim ?? style.dimColor}
			bold={span.bold ?? style.bold}
			italic={span.italic}
			underline={span.underline ?? style.underline}
			strikethrough={span.strikethrough ?? style.strikethrough}
			inverse={style.inverse}
		>
			{span.text}
		</Text>
	);
}

export function LineText({line, theme}: {line: ViewLine; theme: Theme}): React.JSX.Element {
	return (
		<Text wrap="truncate-end">
			{line.length === 0 ? ' ' : line.map((span, i) => <SpanText key={i} span={span} theme={theme} />)}
		</Text>
	);
}

export function StyledLines({lines, theme}: {lines: readonly ViewLine[]; theme: Theme}): React.JSX.Element {
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<LineText key={i} line={line} theme={theme} />
			))}
		</Box>
	);
}

/** A Text with a theme token's style. */
export function Tok({
	theme,
	token,
	children,
	bold,
	underline,
}: {
	theme: Theme;
	token: Token;
	children: React.ReactNode;
	bold?: boolean;
	underline?: boolean;
}): React.JSX.Element {
	const style = tokenStyle(theme, token);
	return (
		<Text
			color={style.color}
			backgroundColor={style.backgroundColor}
			dimColor={style.dimColor}
			bold={bold ?? style.bold}
			underline={underline ?? style.underline}
			inverse={style.inverse}
			strikethrough={style.strikethrough}
		>
			{children}
		</Text>
	);
}
