// New / Learn / Due counts in Anki's colours; zero is muted as in Anki's deck list.
import React from 'react';
import {Text} from '../safe-text.js';
import type {QueueCounts, CountKind} from '../../core/scheduler/types.js';
import type {Theme} from '../theme.js';
import {Tok} from './StyledLines.js';

export function CountNumber({theme, kind, value, width, current}: {theme: Theme; kind: CountKind; value: number; width?: number; current?: boolean}): React.JSX.Element {
	const text = width ? String(value).padStart(width) : String(value);
	return (
		<Tok theme={theme} token={value === 0 ? 'muted' : kind} underline={current}>
			{text}
		</Tok>
	);
}

/** `12 + 3 + 40` as the reviewer shows remaining cards; the current card's kind is underlined. */
export function ReviewCounts({theme, counts, current}: {theme: Theme; counts: QueueCounts; current?: CountKind}): React.JSX.Element {
	return (
		<Text>
			<CountNumber theme={theme} kind="new" value={counts.new} current={current === 'new'} />
			<Text> + </Text>
			<CountNumber theme={theme} kind="learn" value={counts.learn} current={current === 'learn'} />
			<Text> + </Text>
			<CountNumber theme={theme} kind="review" value={counts.review} current={current === 'review'} />
		</Text>
	);
}
