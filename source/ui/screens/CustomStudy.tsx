// Anki's Custom Study dialog (aqt/customstudy.py): six options, the chosen one's number (typed),
// the card state for "Study by card state or tag" and then its tags (Anki's Selective Study:
// tags to require, tags to exclude). Enter runs it; the deck to study then opens.
import React, {useRef, useState} from 'react';
import {useKeptState} from '../hooks/use-kept-state.js';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import type {CustomStudyRequest} from '../../core/study/custom-study.js';
import {firstKey, type CommandId, type Scope} from '../keys.js';
import type {CustomStudyView} from '../view-types.js';
import {useCommands} from '../hooks/use-commands.js';
import type {FormScreenProps} from './screen-props.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {mark} from '../components/Field.js';
import {Tok} from '../components/StyledLines.js';
import {fitText} from '../wrap.js';

export interface CustomStudyProps extends FormScreenProps {
	view: CustomStudyView;
	/** Runs the request; returns an error to show, or null (the caller has moved on). */
	run: (request: CustomStudyRequest) => string | null;
	onCancel: () => void;
}

const optionScopes: readonly Scope[] = ['form', 'app'];
/** Both steps' keys (the help lists the tag keys too). */
export const customStudyScopes: readonly Scope[] = ['tags', 'form', 'app'];

interface State {
	option: number;
	/** Each option's number as typed. */
	values: string[];
	cram: number;
	step: 'options' | 'tags';
	tag: number;
	include: Set<string>;
	exclude: Set<string>;
}

export function CustomStudy(props: CustomStudyProps): React.JSX.Element {
	const {view, theme, bindings, width, height} = props;
	const [state, setState] = useKeptState<State>(props.owner, 'customStudy', () => ({
		option: 0,
		values: view.options.map((o) => String(o.value)),
		cram: 0,
		step: 'options',
		tag: 0,
		include: new Set(view.tags.filter((t) => t.include).map((t) => t.name)),
		exclude: new Set(view.tags.filter((t) => t.exclude).map((t) => t.name)),
	}));
	const [error, setError] = useState<string | null>(null);
	// Keys read and write the latest state, so a burst of keys adds up before a re-render.
	const live = useRef(state);
	live.current = state;
	const update = (change: Partial<State>) => {
		live.current = {...live.current, ...change};
		setState(live.current);
		setError(null);
	};
	const option = view.options[state.option]!;
	const isCram = option.kind === 'cram';

	const request = (s: State): CustomStudyRequest | string => {
		const chosen = view.options[s.option]!;
		const text = s.values[s.option]!;
		const value = Number(text);
		if (!/^-?\d+$/.test(text) || value < chosen.min || value > chosen.max) return `Enter a number from ${chosen.min} to ${chosen.max}.`;
		if (chosen.kind !== 'newLimit' && chosen.kind !== 'reviewLimit' && !view.hasCards) return 'This deck has no cards to study.';
		switch (chosen.kind) {
			case 'newLimit':
			case 'reviewLimit':
				return {kind: chosen.kind, delta: value};
			case 'forgot':
			case 'ahead':
			case 'preview':
				return {kind: chosen.kind, days: value};
			case 'cram':
				return {kind: 'cram', cram: view.cramKinds[s.cram]!.kind, limit: value, includeTags: [...s.include].sort(), excludeTags: [...s.exclude].sort()};
		}
	};
	const submit = (s: State) => {
		const r = request(s);
		if (typeof r === 'string') return setError(r);
		if (r.kind === 'cram' && s.step === 'options') return update({step: 'tags', tag: 0});
		const problem = props.run(r);
		if (problem !== null) setError(problem);
	};
	const toggle = (set: 'include' | 'exclude') => {
		const s = live.current;
		const name = view.tags[s.tag]?.name;
		if (name === undefined) return;
		const include = new Set(s.include);
		const exclude = new Set(s.exclude);
		const target = set === 'include' ? include : exclude;
		const other = set === 'include' ? exclude : include;
		if (target.has(name)) target.delete(name);
		else {
			target.add(name);
			other.delete(name);
		}
		update({include, exclude});
	};

	useCommands(
		bindings,
		state.step === 'tags' ? customStudyScopes : optionScopes,
		(command: CommandId) => {
			const s = live.current;
			const tags = s.step === 'tags';
			switch (command) {
				case 'form.next':
					return tags ? update({tag: Math.min(view.tags.length - 1, s.tag + 1)}) : update({option: (s.option + 1) % view.options.length});
				case 'form.previous':
					return tags ? update({tag: Math.max(0, s.tag - 1)}) : update({option: (s.option + view.options.length - 1) % view.options.length});
				case 'form.left':
				case 'form.right':
					if (!tags && view.options[s.option]!.kind === 'cram') {
						const step = command === 'form.left' ? -1 : 1;
						update({cram: (s.cram + view.cramKinds.length + step) % view.cramKinds.length});
					}
					return;
				case 'tags.include':
					return toggle('include');
				case 'tags.exclude':
					return toggle('exclude');
				case 'form.accept':
					return submit(s);
				case 'app.back':
					return tags ? update({step: 'options'}) : props.onCancel();
				case 'app.help':
					return props.onHelp();
				default:
			}
		},
		{
			isActive: props.active ?? true,
			// Digits (and a minus sign for the limits) go into the number; `?` still opens the help.
			isTyping: () => live.current.step === 'options',
			onText: (typed) => {
				const s = live.current;
				if (typed === '?') return props.onHelp();
				const values = [...s.values];
				const current = values[s.option]!;
				if (/^\d$/.test(typed)) values[s.option] = current === '0' ? typed : current === '-0' ? `-${typed}` : current + typed;
				else if (typed === '-' && view.options[s.option]!.min < 0) values[s.option] = current.startsWith('-') ? current.slice(1) : `-${current}`;
				else return;
				update({values});
			},
			onBackspace: () => {
				const s = live.current;
				const values = [...s.values];
				values[s.option] = values[s.option]!.slice(0, -1);
				update({values});
			},
		},
	);

	const title = <Tok theme={theme} token="title">{`Custom Study: ${view.deckName}`}</Tok>;
	if (state.step === 'tags') {
		const rows = Math.max(1, bodyHeight(height, Boolean(error)) - 3);
		const start = Math.max(0, Math.min(state.tag - Math.floor(rows / 2), view.tags.length - rows));
		return (
			<Frame
				theme={theme}
				width={width}
				height={height}
				title={<Tok theme={theme} token="title">{`Selective Study: ${view.deckName}`}</Tok>}
				message={error}
				footer={
					<Hints
						theme={theme}
						items={[
							[firstKey(bindings, 'tags.include'), 'require'],
							[firstKey(bindings, 'tags.exclude'), 'exclude'],
							[firstKey(bindings, 'form.accept'), 'build'],
							['Esc', 'back'],
						]}
					/>
				}
			>
				<Text wrap="truncate-end">
					<Tok theme={theme} token="muted">
						{'[+] Require one or more of these tags   [-] Exclude'}
					</Tok>
				</Text>
				<Text> </Text>
				{view.tags.length === 0 ? <Tok theme={theme} token="muted">{"This deck's notes have no tags."}</Tok> : null}
				{view.tags.slice(start, start + rows).map((tag, i) => {
					const focused = start + i === state.tag;
					const sign = state.include.has(tag.name) ? '[+]' : state.exclude.has(tag.name) ? '[-]' : '[ ]';
					return (
						<Text key={tag.name} wrap="truncate-end">
							<Tok theme={theme} token={focused ? 'selected' : 'text'}>
								{fitText(`${focused ? '›' : ' '} ${sign} ${tag.name}`, width)}
							</Tok>
						</Text>
					);
				})}
			</Frame>
		);
	}
	const value = state.values[state.option]!;
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={title}
			message={error}
			footer={
				<Hints
					theme={theme}
					items={[
						['↑/↓', 'option'],
						['0-9', 'number'],
						...(isCram ? [['←/→', 'cards'] as [string, string]] : []),
						[firstKey(bindings, 'form.accept'), isCram ? 'choose tags' : 'OK'],
						['Esc', 'cancel'],
					]}
				/>
			}
		>
			{view.options.map((o, i) => (
				<Text key={o.kind} wrap="truncate-end">
					<Tok theme={theme} token={i === state.option ? 'selected' : 'text'}>
						{`${i === state.option ? '›' : ' '} ${mark(i === state.option, true)} ${o.label}`}
					</Tok>
				</Text>
			))}
			<Text> </Text>
			{option.available ? (
				<Text wrap="truncate-end">
					<Tok theme={theme} token="muted">{option.available}</Tok>
				</Text>
			) : null}
			<Text wrap="truncate-end">
				{`${option.before} `}
				<Tok theme={theme} token="accent">{`${value}█`}</Tok>
				{` ${Number(value) === 1 ? option.after.replace(/^cards\b/, 'card').replace(/^days\b/, 'day') : option.after}`}
			</Text>
			{isCram ? (
				<Box flexDirection="column" marginTop={1}>
					{view.cramKinds.map((k, i) => (
						<Text key={k.kind} wrap="truncate-end">
							<Tok theme={theme} token={i === state.cram ? 'accent' : 'muted'}>{`  ${mark(i === state.cram, true)} ${k.label}`}</Tok>
						</Text>
					))}
				</Box>
			) : null}
		</Frame>
	);
}
