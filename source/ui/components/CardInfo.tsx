// Card info overlay: scheduling facts and the review history (Anki's "Card Info").
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import type {Theme} from '../theme.js';
import type {CardInfoView} from '../view-types.js';
import {Tok} from './StyledLines.js';
import {fitText} from '../wrap.js';

export function CardInfo({theme, info, width, height}: {theme: Theme; info: CardInfoView; width: number; height: number}): React.JSX.Element {
	const labelWidth = Math.min(18, Math.max(...info.facts.map(([l]) => l.length), 4) + 2);
	const historyRoom = Math.max(0, height - info.facts.length - 4);
	const columns: Array<[keyof CardInfoView['history'][number], string, number]> = [
		['date', 'Date', 17],
		['type', 'Type', 10],
		['rating', 'Rating', 7],
		['interval', 'Interval', 9],
		['ease', 'Ease', 6],
		['time', 'Time', 6],
	];
	const fitting: typeof columns = [];
	let used = 0;
	for (const c of columns) {
		if (used + c[2] > width) break;
		fitting.push(c);
		used += c[2];
	}
	return (
		<Box flexDirection="column">
			<Tok theme={theme} token="title">
				{info.title}
			</Tok>
			{info.facts.map(([label, value]) => (
				<Text key={label} wrap="truncate-end">
					<Tok theme={theme} token="muted">
						{fitText(label, labelWidth)}
					</Tok>
					{value}
				</Text>
			))}
			<Text> </Text>
			{info.history.length === 0 ? (
				<Tok theme={theme} token="muted">
					No reviews yet.
				</Tok>
			) : (
				<Box flexDirection="column">
					<Tok theme={theme} token="muted">
						{fitting.map(([, title, w]) => fitText(title, w)).join('')}
					</Tok>
					{info.history.slice(0, historyRoom).map((h, i) => (
						<Text key={i} wrap="truncate-end">
							{fitting.map(([key, , w]) => fitText(h[key], w)).join('')}
						</Text>
					))}
				</Box>
			)}
		</Box>
	);
}
