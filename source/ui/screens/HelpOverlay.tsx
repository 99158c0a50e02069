// The help overlay, generated from the bindings of the screen it covers. Any key closes it.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {useRawKeys} from '../hooks/key-router.js';
import {helpRows, type Bindings, type HelpRow, type Scope} from '../keys.js';
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
	const layout = helpLayout(helpRows(props.bindings, props.scopes), width, Math.max(1, height - 3));
	return (
		<Frame theme={theme} width={width} height={height} title={<Tok theme={theme} token="title">Keys (any key closes)</Tok>}>
			<Box>
				{layout.columns.map((column, c) => (
					<Box key={c} flexDirection="column" width={column.keyWidth + column.descriptionWidth} marginLeft={c > 0 ? columnGap : 0}>
						{column.rows.map((row) => (
							<Text key={row.command}>
								<Tok theme={theme} token="accent">
									{fitText(row.keys, column.keyWidth - 1)}
								</Tok>
								{' '}
								{fitText(row.description, column.descriptionWidth)}
							</Text>
						))}
					</Box>
				))}
			</Box>
			{layout.hidden > 0 ? (
				<Tok theme={theme} token="muted">
					{fitText(`+${layout.hidden} more: a larger terminal shows them`, width)}
				</Tok>
			) : null}
		</Frame>
	);
}

/** Blank cells between two columns. */
const columnGap = 2;
/** Narrower columns would cut most descriptions. */
const minColumnWidth = 28;

export interface HelpColumn {
	rows: HelpRow[];
	/** Cells for the keys, a space after them included. */
	keyWidth: number;
	descriptionWidth: number;
}

/**
 * Rows into as many columns as the height needs and the width allows, each as wide as its keys and
 * descriptions, so neither runs into the next column; what still does not fit is cut with "…", and
 * rows beyond the screen are counted in `hidden`.
 */
export function helpLayout(rows: HelpRow[], width: number, height: number): {columns: HelpColumn[]; hidden: number} {
	const fitting = Math.max(1, Math.floor((width + columnGap) / (minColumnWidth + columnGap)));
	const count = Math.max(1, Math.min(Math.ceil(rows.length / height), fitting));
	// With rows left over, one line says so; the columns show the first rows in order.
	const room = rows.length > count * height ? Math.max(1, height - 1) : height;
	const perColumn = Math.min(Math.ceil(rows.length / count), room);
	const share = Math.floor((width - columnGap * (count - 1)) / count);
	const columns: HelpColumn[] = [];
	for (let c = 0; c < count; c++) {
		const part = rows.slice(c * perColumn, (c + 1) * perColumn);
		if (part.length === 0) break;
		const keys = Math.max(...part.map((r) => textWidth(r.keys))) + 1;
		// Keys matter most here: descriptions give way first, down to a few cells.
		const keyWidth = Math.min(keys, Math.max(Math.floor(share / 2), share - 12));
		const descriptionWidth = Math.min(Math.max(...part.map((r) => textWidth(r.description))), share - keyWidth);
		columns.push({rows: part, keyWidth, descriptionWidth});
	}
	const hidden = rows.length - columns.reduce((sum, column) => sum + column.rows.length, 0);
	return {columns, hidden};
}
