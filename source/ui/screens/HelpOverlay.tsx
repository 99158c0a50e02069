// The help overlay, generated from the bindings of the screen it covers. Any key closes it.
import React from 'react';
import {Box, Text} from 'ink';
import {useRawKeys} from '../hooks/key-router.js';
import {helpRows, type Bindings, type Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import {Frame} from '../components/Frame.js';
import {Tok} from '../components/StyledLines.js';
import {fitText, textWidth} from '../wrap.js';

export interface HelpOverlayProps {
	bindings: Bindings;
	scopes: readonly Scope[];
	theme: Theme;
	width: number;
	height: number;
	onClose: () => void;
}

export function HelpOverlay(props: HelpOverlayProps): React.JSX.Element {
	const {theme, width, height} = props;
	useRawKeys(() => props.onClose());
	const rows = helpRows(props.bindings, props.scopes);
	const keyWidth = Math.min(Math.floor(width / 2), Math.max(...rows.map((r) => textWidth(r.keys)), 4) + 2);
	const room = Math.max(1, height - 3);
	// Two columns when the list is longer than the screen and the terminal is wide enough.
	const columns = Math.max(1, Math.min(Math.ceil(rows.length / room), Math.floor(width / 38)));
	const colWidth = Math.floor(width / columns);
	const perColumn = Math.ceil(rows.length / columns);
	return (
		<Frame theme={theme} width={width} height={height} title={<Tok theme={theme} token="title">Keys (any key closes)</Tok>}>
			<Box>
				{Array.from({length: columns}, (_, c) => (
					<Box key={c} flexDirection="column" width={colWidth}>
						{rows.slice(c * perColumn, c * perColumn + Math.min(perColumn, room)).map((row) => (
							<Text key={row.command} wrap="truncate-end">
								<Tok theme={theme} token="accent">
									{fitText(row.keys, Math.min(keyWidth, colWidth - 10))}
								</Tok>
								{row.description}
							</Text>
						))}
					</Box>
				))}
			</Box>
		</Frame>
	);
}
