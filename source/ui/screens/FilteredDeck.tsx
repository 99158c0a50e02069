// Anki's filtered-deck dialog (aqt/filtered_deck.py): name, the filter (search, limit, order),
// rescheduling or the preview delays, an optional second filter, "even if empty". Enter builds
// the deck (Anki's message on a bad search or an empty result); the deck's overview then opens.
import React, {useRef, useState} from 'react';
import {useKeptState} from '../hooks/use-kept-state.js';
import {Text} from '../safe-text.js';
import {firstKey, type CommandId, type Scope} from '../keys.js';
import type {FilteredDeckForm} from '../view-types.js';
import {useCommands} from '../hooks/use-commands.js';
import type {FormScreenProps} from './screen-props.js';
import {Frame, Hints} from '../components/Frame.js';
import {Field, mark} from '../components/Field.js';
import {Tok} from '../components/StyledLines.js';

export interface FilteredDeckProps extends FormScreenProps {
	form: FilteredDeckForm;
	/** Saves and builds; returns an error to show, or null (the caller has moved on). */
	save: (form: FilteredDeckForm) => string | null;
	onCancel: () => void;
}

export const filteredDeckScopes: readonly Scope[] = ['form', 'app'];

type FieldId =
	| 'name'
	| 'search1'
	| 'limit1'
	| 'order1'
	| 'reschedule'
	| 'again'
	| 'hard'
	| 'good'
	| 'second'
	| 'search2'
	| 'limit2'
	| 'order2'
	| 'allowEmpty';

/** What a field holds while it is edited: text, digits, a choice or a switch. */
const kinds: Record<FieldId, 'text' | 'number' | 'choice' | 'switch'> = {
	name: 'text',
	search1: 'text',
	limit1: 'number',
	order1: 'choice',
	reschedule: 'switch',
	again: 'number',
	hard: 'number',
	good: 'number',
	second: 'switch',
	search2: 'text',
	limit2: 'number',
	order2: 'choice',
	allowEmpty: 'switch',
};

interface Draft {
	name: string;
	search1: string;
	limit1: string;
	order1: number;
	reschedule: boolean;
	again: string;
	hard: string;
	good: string;
	second: boolean;
	search2: string;
	limit2: string;
	order2: number;
	allowEmpty: boolean;
}

function draftOf(form: FilteredDeckForm): Draft {
	const [t1, t2] = form.terms;
	return {
		name: form.name,
		search1: t1!.search,
		limit1: String(t1!.limit),
		order1: t1!.order,
		reschedule: form.reschedule,
		again: String(form.previewAgainSecs),
		hard: String(form.previewHardSecs),
		good: String(form.previewGoodSecs),
		second: form.secondFilter,
		search2: t2!.search,
		limit2: String(t2!.limit),
		order2: t2!.order,
		allowEmpty: form.allowEmpty,
	};
}

/** The fields shown now: the preview delays only without rescheduling, filter 2 only when on. */
function visibleFields(d: Draft): FieldId[] {
	return [
		'name',
		'search1',
		'limit1',
		'order1',
		'reschedule',
		...(d.reschedule ? [] : (['again', 'hard', 'good'] as const)),
		'second',
		...(d.second ? (['search2', 'limit2', 'order2'] as const) : []),
		'allowEmpty',
	];
}

const labels: Record<FieldId, string> = {
	name: 'Name',
	search1: 'Search',
	limit1: 'Limit to',
	order1: 'Cards selected by',
	reschedule: 'Reschedule cards based on my answers in this deck',
	again: 'Delay for Again (secs)',
	hard: 'Delay for Hard (secs)',
	good: 'Delay for Good (secs)',
	second: 'Enable second filter',
	search2: 'Filter 2: search',
	limit2: 'Filter 2: limit to',
	order2: 'Filter 2: cards selected by',
	allowEmpty: 'Create/update this deck even if empty',
};

const number = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

export function FilteredDeck(props: FilteredDeckProps): React.JSX.Element {
	const {form, theme, bindings, width, height} = props;
	const [draft, setDraft] = useKeptState(props.owner, 'draft', () => draftOf(form));
	const [focus, setFocus] = useKeptState<FieldId>(props.owner, 'focus', () => 'search1');
	const [error, setError] = useState<string | null>(null);
	const live = useRef({draft, focus});
	live.current = {draft, focus};
	const update = (change: Partial<Draft>, nextFocus = live.current.focus) => {
		live.current = {draft: {...live.current.draft, ...change}, focus: nextFocus};
		setDraft(live.current.draft);
		setFocus(nextFocus);
		setError(null);
	};
	const move = (step: number) => {
		const fields = visibleFields(live.current.draft);
		const at = fields.indexOf(live.current.focus);
		update({}, fields[(at + step + fields.length) % fields.length]!);
	};
	const cycle = (step: number) => {
		const {focus: f, draft: d} = live.current;
		if (f === 'order1' || f === 'order2') update({[f]: (d[f] + step + form.orders.length) % form.orders.length});
		else if (kinds[f] === 'switch') update({[f]: !d[f as 'reschedule']});
	};
	const save = () => {
		const d = live.current.draft;
		const terms = [
			{search: d.search1, limit: number(d.limit1), order: d.order1},
			{search: d.search2, limit: number(d.limit2), order: d.order2},
		];
		const secs = [number(d.again), number(d.hard), number(d.good)];
		const badField = (['limit1', 'limit2', 'again', 'hard', 'good'] as const).find((f) => d[f] === '');
		if (badField) {
			update({}, badField);
			return setError(`${labels[badField]}: enter a number.`);
		}
		const problem = props.save({
			...form,
			name: d.name,
			terms,
			secondFilter: d.second,
			reschedule: d.reschedule,
			previewAgainSecs: secs[0]!,
			previewHardSecs: secs[1]!,
			previewGoodSecs: secs[2]!,
			allowEmpty: d.allowEmpty,
		});
		if (problem !== null) setError(problem);
	};

	useCommands(
		bindings,
		filteredDeckScopes,
		(command: CommandId) => {
			switch (command) {
				case 'form.next':
					return move(1);
				case 'form.previous':
					return move(-1);
				case 'form.left':
					return cycle(-1);
				case 'form.right':
				case 'form.toggle':
					return cycle(1);
				case 'form.accept':
					return save();
				case 'app.back':
					return props.onCancel();
				case 'app.help':
					return props.onHelp();
				default:
			}
		},
		{
			isActive: props.active ?? true,
			isTyping: () => {
				const kind = kinds[live.current.focus];
				return kind === 'text' || kind === 'number';
			},
			onText: (typed) => {
				const f = live.current.focus;
				if (kinds[f] === 'number' && !/^\d+$/.test(typed)) return;
				update({[f]: (live.current.draft[f as 'name'] as string) + typed});
			},
			onBackspace: () => {
				const f = live.current.focus;
				update({[f]: [...(live.current.draft[f as 'name'] as string)].slice(0, -1).join('')});
			},
		},
	);

	const fields = visibleFields(draft);
	const labelWidth = Math.min(28, Math.max(...fields.filter((f) => kinds[f] !== 'switch').map((f) => labels[f].length)));
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">{form.id === 0 ? 'New filtered deck' : `Options for ${form.name}`}</Tok>}
			message={error}
			footer={
				<Hints
					theme={theme}
					items={[
						['↑/↓', 'field'],
						['←/→', 'change'],
						[firstKey(bindings, 'form.toggle'), 'switch'],
						[firstKey(bindings, 'form.accept'), 'build'],
						['Esc', 'cancel'],
					]}
				/>
			}
		>
			{fields.map((f) => {
				const focused = f === focus;
				if (kinds[f] === 'switch') {
					return (
						<Text key={f} wrap="truncate-end">
							<Tok theme={theme} token={focused ? 'accent' : 'muted'}>
								{focused ? '› ' : '  '}
							</Tok>
							<Tok theme={theme} token={focused ? 'selected' : 'text'}>{`${mark(draft[f as 'reschedule'])} ${labels[f]}`}</Tok>
						</Text>
					);
				}
				const value = kinds[f] === 'choice' ? `‹ ${form.orders[draft[f as 'order1']]} ›` : (draft[f as 'name'] as string);
				return <Field key={f} theme={theme} width={width} label={labels[f]} labelWidth={labelWidth} value={value} focused={focused} editing={kinds[f] !== 'choice'} />;
			})}
			{draft.reschedule ? null : (
				<Text wrap="truncate-end">
					<Tok theme={theme} token="muted">
						{'  (0 = return card to original deck)'}
					</Tok>
				</Text>
			)}
		</Frame>
	);
}
