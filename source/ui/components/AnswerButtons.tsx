// The four answer buttons with their next intervals; compacts itself on narrow terminals.
import React from 'react';
import {Text} from '../safe-text.js';
import type {Rating} from '../../core/scheduler/types.js';
import {firstKey, type Bindings, type CommandId} from '../keys.js';
import type {Theme, Token} from '../theme.js';
import {Tok} from './StyledLines.js';
import {textWidth} from '../wrap.js';

const buttons: Array<{rating: Rating; name: string; token: Token; command: CommandId}> = [
	{rating: 1, name: 'Again', token: 'again', command: 'review.again'},
	{rating: 2, name: 'Hard', token: 'hard', command: 'review.hard'},
	{rating: 3, name: 'Good', token: 'good', command: 'review.good'},
	{rating: 4, name: 'Easy', token: 'easy', command: 'review.easy'},
];

export function AnswerButtons({theme, bindings, labels, width}: {theme: Theme; bindings: Bindings; labels: Record<Rating, string>; width: number}): React.JSX.Element {
	const full = buttons.map((b) => `${firstKey(bindings, b.command)} ${b.name} ${labels[b.rating]}`);
	const compact = textWidth(full.join('   ')) > width;
	return (
		<Text wrap="truncate-end">
			{buttons.map((b, i) => (
				<Text key={b.rating}>
					{i > 0 ? (compact ? ' ' : '   ') : ''}
					<Tok theme={theme} token="accent">
						{firstKey(bindings, b.command)}
					</Tok>
					<Tok theme={theme} token={b.token} bold>
						{compact ? ` ${b.name[0]}` : ` ${b.name}`}
					</Tok>
					<Tok theme={theme} token="muted">{` ${labels[b.rating]}`}</Tok>
				</Text>
			))}
		</Text>
	);
}
