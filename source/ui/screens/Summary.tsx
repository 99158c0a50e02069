// The one-screen summary shown on leaving a review: cards studied, time, again rate.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import type {SessionSummary} from '../../core/scheduler/types.js';
import {firstKey, type Bindings, type Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints} from '../components/Frame.js';
import {Tok} from '../components/StyledLines.js';
import {percent, studyTime} from '../format.js';

export interface SummaryProps {
	summary: SessionSummary;
	deckName: string;
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	/** What leaving does, for the hint: "continue" to the screen below, or "quit". */
	doneLabel?: string;
	onDone: () => void;
	/** Opens the deck's statistics; absent = no statistics. */
	onStats?: () => void;
	onHelp: () => void;
}

/** Any other key leaves the summary; the help overlay lists the app's keys. */
export const summaryScopes: readonly Scope[] = ['summary', 'app'];

export function Summary(props: SummaryProps): React.JSX.Element {
	const {summary, theme, bindings} = props;
	useCommands(
		bindings,
		summaryScopes,
		(command) => {
			if (command === 'app.help') props.onHelp();
			else if (command === 'summary.stats' && props.onStats) props.onStats();
			else props.onDone();
		},
		{isActive: props.active ?? true, onUnbound: props.onDone},
	);
	return (
		<Frame
			theme={theme}
			width={props.width}
			height={props.height}
			title={<Tok theme={theme} token="title">{`Session summary: ${props.deckName}`}</Tok>}
			footer={
				<Hints
					theme={theme}
					items={[
						[firstKey(bindings, 'app.back'), props.doneLabel ?? 'continue'],
						...(props.onStats ? [[firstKey(bindings, 'summary.stats'), 'stats'] as [string, string]] : []),
					]}
				/>
			}
		>
			<Box flexDirection="column">
				<Text>
					{'Cards studied:  '}
					<Tok theme={theme} token="accent">
						{String(summary.studied)}
					</Tok>
				</Text>
				<Text>{`Time:           ${studyTime(summary.millisecondsStudied)}`}</Text>
				<Text>
					{'Again rate:     '}
					<Tok theme={theme} token={summary.again > 0 ? 'again' : 'text'}>
						{`${percent(summary.again, summary.studied)}`}
					</Tok>
					{` (${summary.again} of ${summary.studied})`}
				</Text>
				{summary.studied > 0 ? (
					<Text>{`Per card:       ${(summary.millisecondsStudied / summary.studied / 1000).toFixed(1)}s`}</Text>
				) : null}
			</Box>
		</Frame>
	);
}
