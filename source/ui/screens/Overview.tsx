// A deck's overview: name, today's counts, description, Enter to start (Anki's overview screen).
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {firstKey, type Scope} from '../keys.js';
import type {DeckOverviewView} from '../view-types.js';
import {useCommands} from '../hooks/use-commands.js';
import type {BaseScreenProps} from './screen-props.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {StyledLines, Tok} from '../components/StyledLines.js';
import {CountNumber} from '../components/Counts.js';
import {wrapLines} from '../wrap.js';

export interface OverviewProps extends BaseScreenProps {
	overview: DeckOverviewView;
	message?: string | null;
	onStudy: () => void;
	/** Opens the card browser on this deck. */
	onBrowse?: () => void;
	/** Adds a note to this deck in the user's editor (absent on a read-only collection). */
	onAdd?: () => void;
	onCustomStudy?: () => void;
	/** Opens the deck's options (a filtered deck's: its search and order). */
	onOptions?: () => void;
	/** Opens the deck's statistics; absent = no statistics. */
	onStats?: () => void;
	onRebuild?: () => void;
	onEmpty?: () => void;
	onBack: () => void;
}

export const overviewScopes: readonly Scope[] = ['overview', 'app'];

export function Overview(props: OverviewProps): React.JSX.Element {
	const {overview, theme, bindings, width, height} = props;
	useCommands(
		bindings,
		overviewScopes,
		(command) => {
			if (command === 'overview.study') props.onStudy();
			else if (command === 'overview.browse') props.onBrowse?.();
			else if (command === 'overview.add') props.onAdd?.();
			else if (command === 'overview.customStudy') props.onCustomStudy?.();
			else if (command === 'overview.options') props.onOptions?.();
			else if (command === 'overview.stats') props.onStats?.();
			else if (command === 'overview.rebuild') props.onRebuild?.();
			else if (command === 'overview.empty') props.onEmpty?.();
			else if (command === 'app.back') props.onBack();
			else if (command === 'app.help') props.onHelp();
		},
		{isActive: props.active ?? true},
	);
	const total = overview.counts.new + overview.counts.learn + overview.counts.review;
	const room = bodyHeight(height, Boolean(props.message)) - 5;
	const description = wrapLines(overview.description, width).slice(0, Math.max(0, room));
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">{overview.name}</Tok>}
			message={props.message}
			footer={
				<Hints
					theme={theme}
					items={[
						[firstKey(bindings, 'overview.study'), 'study now'],
						...(overview.filtered
							? ([
									[firstKey(bindings, 'overview.rebuild'), 'rebuild'],
									[firstKey(bindings, 'overview.empty'), 'empty'],
								] as Array<[string, string]>)
							: ([[firstKey(bindings, 'overview.customStudy'), 'custom study']] as Array<[string, string]>)),
						...(props.onOptions ? [[firstKey(bindings, 'overview.options'), 'options'] as [string, string]] : []),
						...(props.onStats ? [[firstKey(bindings, 'overview.stats'), 'stats'] as [string, string]] : []),
						[firstKey(bindings, 'app.help'), 'help'],
						[firstKey(bindings, 'app.back'), 'back'],
					]}
				/>
			}
		>
			<Box flexDirection="column" marginBottom={1}>
				<Text>
					<Text>{'New:        '}</Text>
					<CountNumber theme={theme} kind="new" value={overview.counts.new} />
				</Text>
				<Text>
					<Text>{'Learning:   '}</Text>
					<CountNumber theme={theme} kind="learn" value={overview.counts.learn} />
				</Text>
				<Text>
					<Text>{'To Review:  '}</Text>
					<CountNumber theme={theme} kind="review" value={overview.counts.review} />
				</Text>
			</Box>
			{total === 0 ? (
				<Tok theme={theme} token="muted">
					Nothing is due in this deck right now.
				</Tok>
			) : null}
			<StyledLines lines={description} theme={theme} />
		</Frame>
	);
}
