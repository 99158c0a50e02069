// The statistics screen (Anki's Statistics window): every section of the page for the chosen deck
// or the whole collection, over 1 month, 3 months, 1 year or the deck's life, as charts and tables
// that scroll. The frame shows at once; the numbers are computed just after it and kept per deck
// and period, so switching back is instant.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {firstKey, type Scope} from '../keys.js';
import type {Period} from '../../core/stats/period.js';
import type {StatsReport} from '../../core/stats/report.js';
import {useCommands} from '../hooks/use-commands.js';
import type {BaseScreenProps} from './screen-props.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {StyledLines, Tok} from '../components/StyledLines.js';
import {statsLines} from '../stats/stats-view.js';
import {nextPeriod, periodNames} from '../stats/summary-text.js';

export interface StatsProps extends BaseScreenProps {
	/** The deck the screen was opened for; null = the whole collection only. */
	deckId: number | null;
	load: (deckId: number | null, period: Period) => StatsReport;
	message?: string | null;
	onBack: () => void;
}

export const statsScopes: readonly Scope[] = ['stats', 'scroll', 'app'];

export function Stats(props: StatsProps): React.JSX.Element {
	const {theme, bindings, width, height} = props;
	const [period, setPeriod] = useState<Period>('1m');
	const [wholeCollection, setWholeCollection] = useState(props.deckId === null);
	const [reports, setReports] = useState(() => new Map<string, StatsReport>());
	const [top, setTop] = useState(0);
	const scopeId = wholeCollection ? null : props.deckId;
	const key = `${scopeId ?? 'all'}/${period}`;
	const report = reports.get(key);

	// Computed after the frame that says so is on screen (SQLite work blocks the event loop).
	useEffect(() => {
		if (reports.has(key)) return;
		const timer = setTimeout(() => setReports((old) => new Map(old).set(key, props.load(scopeId, period))), 0);
		return () => clearTimeout(timer);
	}, [key]);

	const lines = useMemo(() => (report ? statsLines(report, {width, mono: theme.name === 'none'}) : []), [report, width, theme.name]);
	const rows = bodyHeight(height, Boolean(props.message));
	const maxTop = Math.max(0, lines.length - rows);
	const live = useRef({top, maxTop});
	live.current = {top: Math.min(top, maxTop), maxTop};
	const scroll = (to: number) => {
		const next = Math.max(0, Math.min(live.current.maxTop, to));
		live.current.top = next;
		setTop(next);
	};

	useCommands(
		bindings,
		statsScopes,
		(command) => {
			const at = live.current.top;
			if (command === 'stats.period') setPeriod((p) => nextPeriod(p));
			else if (command === 'stats.scope') {
				if (props.deckId !== null) setWholeCollection((w) => !w);
			} else if (command === 'scroll.down') scroll(at + 1);
			else if (command === 'scroll.up') scroll(at - 1);
			else if (command === 'scroll.pageDown') scroll(at + rows - 1);
			else if (command === 'scroll.pageUp') scroll(at - rows + 1);
			else if (command === 'app.back') props.onBack();
			else if (command === 'app.help') props.onHelp();
		},
		{isActive: props.active ?? true},
	);

	const scopeName = wholeCollection ? 'whole collection' : (report?.deck ?? '…');
	const shown = Math.min(top, maxTop);
	const hints: Array<[string, string]> = [[firstKey(bindings, 'stats.period'), 'period']];
	if (props.deckId !== null) hints.push([firstKey(bindings, 'stats.scope'), wholeCollection ? 'this deck' : 'whole collection']);
	hints.push([firstKey(bindings, 'scroll.down'), 'scroll'], [firstKey(bindings, 'app.help'), 'help'], [firstKey(bindings, 'app.back'), 'back']);
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">{`Statistics: ${scopeName}`}</Tok>}
			right={
				<Tok theme={theme} token="muted">
					{`${periodNames[period]}${lines.length > rows ? `  ${Math.round((shown / Math.max(1, maxTop)) * 100)}%` : ''}`}
				</Tok>
			}
			message={props.message}
			footer={<Hints theme={theme} items={hints} />}
		>
			{report ? (
				<StyledLines lines={lines.slice(shown, shown + rows)} theme={theme} />
			) : (
				<Tok theme={theme} token="muted">
					Computing statistics…
				</Tok>
			)}
		</Frame>
	);
}
