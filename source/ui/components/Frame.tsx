// Every screen: a title row, a body that gets the remaining height, a footer of key hints and an
// optional one-line message. Sized to the terminal so nothing scrolls the real screen.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import type {Theme} from '../theme.js';
import {Tok} from './StyledLines.js';

export interface FrameProps {
	theme: Theme;
	width: number;
	height: number;
	title: React.ReactNode;
	right?: React.ReactNode;
	footer?: React.ReactNode;
	message?: string | null;
	children: React.ReactNode;
}

export function Frame({theme, width, height, title, right, footer, message, children}: FrameProps): React.JSX.Element {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box justifyContent="space-between" width={width}>
				<Text wrap="truncate-end">{title}</Text>
				{right ? <Box flexShrink={0} marginLeft={1}>{right}</Box> : null}
			</Box>
			<Tok theme={theme} token="border">
				{'─'.repeat(Math.max(0, width))}
			</Tok>
			<Box flexDirection="column" flexGrow={1} overflow="hidden">
				{children}
			</Box>
			{message ? (
				<Text wrap="truncate-end">
					<Tok theme={theme} token="hint">
						{message}
					</Tok>
				</Text>
			) : null}
			{footer ? <Box width={width}>{footer}</Box> : null}
		</Box>
	);
}

export {bodyHeight} from '../frame-layout.js';

/** `Space show answer · ? help` style hints. */
export function Hints({theme, items}: {theme: Theme; items: Array<[string, string]>}): React.JSX.Element {
	return (
		<Text wrap="truncate-end">
			{items.map(([key, label], i) => (
				<Text key={i}>
					{i > 0 ? <Tok theme={theme} token="muted">{'  '}</Tok> : null}
					<Tok theme={theme} token="accent">
						{key}
					</Tok>
					<Tok theme={theme} token="muted">{` ${label}`}</Tok>
				</Text>
			))}
		</Text>
	);
}
