// Anki's deck options page: every field in Anki's sections, edited with the keyboard; the deck's
// preset switched, added, cloned, renamed and removed; FSRS Optimize (with a progress bar) and
// Evaluate; one save writes it all. The draft lives here until saved (options-model.ts).
import React, {useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {firstKey, type CommandId, type Scope} from '../keys.js';
import type {DeckOptionsModel, OptionField, OptionsDraft} from '../options-model.js';
import {useCommands} from '../hooks/use-commands.js';
import type {BaseScreenProps} from './screen-props.js';
import {Frame, Hints, bodyHeight} from '../components/Frame.js';
import {Tok} from '../components/StyledLines.js';
import {fitText, wrapText} from '../wrap.js';

export interface DeckOptionsProps extends BaseScreenProps {
	options: DeckOptionsModel;
	draft: OptionsDraft;
	message?: string | null;
	/** After a save: leave, as Anki closes its window. */
	onSaved: () => void;
	onBack: () => void;
}

export const deckOptionsScopes: readonly Scope[] = ['options', 'app'];

type Row =
	| {kind: 'section'; title: string}
	| {kind: 'field'; field: OptionField}
	| {kind: 'reschedule'}
	| {kind: 'action'; action: 'optimize' | 'evaluate'};

type NameTarget = 'add' | 'clone' | 'rename';
type Mode =
	| {kind: 'browse'}
	| {kind: 'edit'; text: string; field: OptionField}
	| {kind: 'name'; text: string; target: NameTarget}
	| {kind: 'presets'; index: number}
	| {kind: 'confirm'; question: string; yes: 'remove' | 'discard'}
	| {kind: 'busy'; label: string; current: number; total: number; stop: boolean};

interface State {
	draft: OptionsDraft;
	row: number;
	mode: Mode;
	note: {text: string; error: boolean} | null;
}

const nameTitles: Record<NameTarget, string> = {add: 'Add preset', clone: 'Clone preset', rename: 'Rename preset'};

/** The page's rows: each section's title, its fields, and the FSRS section's switch and buttons. */
export function optionRows(options: DeckOptionsModel): Row[] {
	const rows: Row[] = [];
	for (const section of options.sections) {
		rows.push({kind: 'section', title: section});
		for (const field of options.fields.filter((f) => f.section === section)) {
			rows.push({kind: 'field', field});
			if (field.key === 'deck.desiredRetention') rows.push({kind: 'reschedule'});
		}
		if (section === 'FSRS') rows.push({kind: 'action', action: 'optimize'}, {kind: 'action', action: 'evaluate'});
	}
	return rows;
}

const isSelectable = (row: Row | undefined) => row !== undefined && row.kind !== 'section';

export function DeckOptions(props: DeckOptionsProps): React.JSX.Element {
	const {options, theme, bindings, width, height} = props;
	const rows = useRef(optionRows(options)).current;
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	// Keys read and write this ref, so keys arriving before a re-render still add up.
	const state = useRef<State>({draft: props.draft, row: rows.findIndex(isSelectable), mode: {kind: 'browse'}, note: null});
	const update = (change: Partial<State>) => {
		state.current = {...state.current, ...change};
		redraw();
	};
	const note = (text: string, error = false) => update({note: {text, error}});
	const fail = (error: unknown) => note(error instanceof Error ? error.message : String(error), true);
	const setDraft = (draft: OptionsDraft) => update({draft, note: null});

	// The list, then four rows: what the selected option does, its warning, messages.
	const body = bodyHeight(height, false);
	const listRows = Math.max(3, body - 4);

	const move = (to: number, direction: 1 | -1) => {
		let next = Math.max(0, Math.min(rows.length - 1, to));
		while (!isSelectable(rows[next]) && next + direction >= 0 && next + direction < rows.length) next += direction;
		if (!isSelectable(rows[next])) return;
		update({row: next});
	};
	const moveSection = (direction: 1 | -1) => {
		let at = state.current.row + direction;
		while (at >= 0 && at < rows.length && rows[at]!.kind !== 'section') at += direction;
		if (direction === -1) {
			// To the start of the section before the current one.
			at -= 1;
			while (at >= 0 && rows[at]!.kind !== 'section') at -= 1;
		}
		if (at < 0) return move(0, 1);
		if (at >= rows.length) return;
		move(at + 1, 1);
	};

	const current = (): Row => rows[state.current.row]!;
	const withDraft = (change: (draft: OptionsDraft) => OptionsDraft) => {
		try {
			setDraft(change(state.current.draft));
		} catch (error) {
			fail(error);
		}
	};

	const runOptimize = () => {
		const stopAt = {mode: {kind: 'busy', label: 'Optimizing', current: 0, total: 0, stop: false} as Mode & {kind: 'busy'}};
		update({mode: stopAt.mode, note: null});
		let shown = -1;
		options
			.optimize(state.current.draft, (done, total) => {
				const mode = state.current.mode;
				if (mode.kind !== 'busy') return false;
				const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
				if (percent !== shown) {
					shown = percent;
					update({mode: {...mode, current: done, total}});
				}
				return !mode.stop;
			})
			.then(
				(result) => {
					const stopped = state.current.mode.kind === 'busy' && state.current.mode.stop;
					update({
						mode: {kind: 'browse'},
						draft: stopped ? state.current.draft : result.draft,
						note: {text: stopped ? 'Optimize stopped; the parameters are unchanged.' : result.messages.join(' '), error: false},
					});
				},
				(error: unknown) => {
					update({mode: {kind: 'browse'}});
					fail(error);
				},
			);
	};
	const runEvaluate = () => {
		update({mode: {kind: 'busy', label: 'Evaluating', current: 0, total: 0, stop: false}, note: null});
		// Evaluation holds the event loop; let the frame saying so be drawn first.
		setTimeout(() => {
			options.evaluate(state.current.draft).then(
				(text) => update({mode: {kind: 'browse'}, note: {text, error: false}}),
				(error: unknown) => {
					update({mode: {kind: 'browse'}});
					fail(error);
				},
			);
		}, 30);
	};

	const save = (toSubdecks: boolean) => {
		try {
			options.save(state.current.draft, toSubdecks);
		} catch (error) {
			fail(error);
			return;
		}
		props.onSaved();
	};

	const activate = (direction: 1 | -1, typed: boolean) => {
		const row = current();
		const {draft} = state.current;
		if (row.kind === 'reschedule') return setDraft({...draft, reschedule: !draft.reschedule});
		if (row.kind === 'action') {
			if (typed) return row.action === 'optimize' ? runOptimize() : runEvaluate();
			return;
		}
		if (row.kind !== 'field') return;
		const {field} = row;
		if (field.kind === 'bool' || field.kind === 'choice') return withDraft((d) => options.step(d, field, direction));
		if (typed) return update({mode: {kind: 'edit', field, text: options.editText(draft, field)}, note: null});
		withDraft((d) => options.step(d, field, direction));
	};

	const commitEdit = (mode: Mode & {kind: 'edit'}) => {
		const parsed = options.parse(mode.field, mode.text);
		if ('error' in parsed) return note(parsed.error, true);
		update({mode: {kind: 'browse'}, draft: options.set(state.current.draft, mode.field, parsed.value), note: null});
	};
	const commitName = (mode: Mode & {kind: 'name'}) => {
		const {draft} = state.current;
		const name = mode.text.trim();
		if (name === '') return update({mode: {kind: 'browse'}});
		const next =
			mode.target === 'add' ? options.addPreset(draft, name) : mode.target === 'clone' ? options.clonePreset(draft, name) : options.renamePreset(draft, name);
		update({mode: {kind: 'browse'}, draft: next, note: null});
	};
	const askRemove = () => {
		const {draft} = state.current;
		if (draft.presets[draft.selected]?.id === 1) return note("The default configuration can't be removed.", true);
		update({mode: {kind: 'confirm', question: options.removalWarning(draft), yes: 'remove'}, note: null});
	};
	const confirmed = (yes: boolean) => {
		const mode = state.current.mode;
		if (mode.kind !== 'confirm') return;
		update({mode: {kind: 'browse'}});
		if (!yes) return;
		if (mode.yes === 'discard') return props.onBack();
		withDraft((d) => options.removePreset(d));
	};
	const presetCommand = (command: CommandId) => {
		if (command === 'options.addPreset') return update({mode: {kind: 'name', target: 'add', text: ''}, note: null});
		if (command === 'options.clonePreset') return update({mode: {kind: 'name', target: 'clone', text: ''}, note: null});
		if (command === 'options.renamePreset') {
			return update({mode: {kind: 'name', target: 'rename', text: options.presetName(state.current.draft)}, note: null});
		}
		if (command === 'options.removePreset') return askRemove();
	};

	useCommands(
		bindings,
		deckOptionsScopes,
		(command) => {
			const mode = state.current.mode;
			switch (mode.kind) {
				case 'busy':
					if (command === 'app.back' && mode.label === 'Optimizing') update({mode: {...mode, stop: true}});
					return;
				case 'confirm':
					return confirmed(false);
				case 'edit':
					if (command === 'options.edit') return commitEdit(mode);
					if (command === 'app.back') return update({mode: {kind: 'browse'}, note: null});
					return;
				case 'name':
					if (command === 'options.edit') return commitName(mode);
					if (command === 'app.back') return update({mode: {kind: 'browse'}});
					return;
				case 'presets': {
					const count = state.current.draft.presets.length;
					if (command === 'options.up') return update({mode: {kind: 'presets', index: Math.max(0, mode.index - 1)}});
					if (command === 'options.down') return update({mode: {kind: 'presets', index: Math.min(count - 1, mode.index + 1)}});
					if (command === 'options.edit' || command === 'options.preset') {
						return update({mode: {kind: 'browse'}, draft: options.selectPreset(state.current.draft, mode.index), note: null});
					}
					if (command === 'app.back') return update({mode: {kind: 'browse'}});
					if (command === 'app.help') return props.onHelp();
					if (command.endsWith('Preset')) {
						state.current = {...state.current, draft: options.selectPreset(state.current.draft, mode.index)};
						return presetCommand(command);
					}
					return;
				}
				default:
			}
			switch (command) {
				case 'options.up':
					return move(state.current.row - 1, -1);
				case 'options.down':
					return move(state.current.row + 1, 1);
				case 'options.pageUp':
					return move(state.current.row - listRows, -1);
				case 'options.pageDown':
					return move(state.current.row + listRows, 1);
				case 'options.nextSection':
					return moveSection(1);
				case 'options.previousSection':
					return moveSection(-1);
				case 'options.edit':
					return activate(1, true);
				case 'options.increase':
					return activate(1, false);
				case 'options.decrease':
					return activate(-1, false);
				case 'options.reset': {
					const row = current();
					if (row.kind === 'field') withDraft((d) => options.reset(d, row.field));
					return;
				}
				case 'options.preset':
					return update({mode: {kind: 'presets', index: state.current.draft.selected}, note: null});
				case 'options.addPreset':
				case 'options.clonePreset':
				case 'options.renamePreset':
				case 'options.removePreset':
					return presetCommand(command);
				case 'options.optimize':
					return runOptimize();
				case 'options.evaluate':
					return runEvaluate();
				case 'options.save':
					return save(false);
				case 'options.saveToSubdecks':
					return save(true);
				case 'app.help':
					return props.onHelp();
				case 'app.back':
					if (options.dirty(state.current.draft)) {
						return update({mode: {kind: 'confirm', question: 'Discard changes?', yes: 'discard'}, note: null});
					}
					return props.onBack();
				default:
			}
		},
		{
			isActive: props.active ?? true,
			isTyping: () => ['edit', 'name', 'confirm'].includes(state.current.mode.kind),
			onText: (text) => {
				const mode = state.current.mode;
				if (mode.kind === 'confirm') return confirmed(text === 'y' || text === 'Y');
				if (mode.kind === 'edit' || mode.kind === 'name') update({mode: {...mode, text: mode.text + text}});
			},
			onBackspace: () => {
				const mode = state.current.mode;
				if (mode.kind === 'edit' || mode.kind === 'name') update({mode: {...mode, text: [...mode.text].slice(0, -1).join('')}});
			},
		},
	);

	const {draft, mode, row: selected} = state.current;
	const preset = draft.presets[draft.selected]!;
	const dirty = options.dirty(draft);
	const warnings = options.warnings(draft);
	const labelWidth = Math.min(38, Math.max(16, Math.floor(width / 2)));
	const valueWidth = Math.max(4, width - labelWidth - 6);

	const title = (
		<Text>
			<Tok theme={theme} token="title">{`Options: ${draft.deckName}`}</Tok>
			{dirty ? <Tok theme={theme} token="hint">{' (unsaved)'}</Tok> : null}
		</Text>
	);
	const right = (
		<Tok theme={theme} token="muted">
			{fitText(`Preset: ${preset.name} (${preset.useCount} deck${preset.useCount === 1 ? '' : 's'})`, Math.max(10, Math.floor(width / 2) - 2))}
		</Tok>
	);

	let listing: React.ReactNode;
	let about: string[] = [];
	let aboutToken: 'muted' | 'hint' = 'muted';
	if (mode.kind === 'presets') {
		const start = Math.max(0, Math.min(mode.index - Math.floor(listRows / 2), draft.presets.length - listRows));
		listing = draft.presets.slice(start, start + listRows).map((p, i) => {
			const index = start + i;
			const used = `${p.id === 0 ? 'new, ' : ''}used by ${p.useCount} deck${p.useCount === 1 ? '' : 's'}${index === draft.selected ? ' (this deck)' : ''}`;
			return (
				<Tok key={`${p.id}:${p.name}`} theme={theme} token={index === mode.index ? 'selected' : 'text'}>
					{fitText(`${index === mode.index ? '›' : ' '} ${fitText(p.name, labelWidth)}  ${used}`, width)}
				</Tok>
			);
		});
		about = [`Enter: use for this deck   a add   c clone   r rename   D remove   Esc: back`];
	} else {
		const start = Math.max(0, Math.min(selected - Math.floor(listRows / 2), rows.length - listRows));
		listing = rows.slice(start, start + listRows).map((row, i) => {
			const index = start + i;
			const isSelected = index === selected;
			if (row.kind === 'section') {
				return (
					<Tok key={`s${index}`} theme={theme} token="title" bold>
						{fitText(row.title, width)}
					</Tok>
				);
			}
			let label: string;
			let value: string;
			let warned = false;
			if (row.kind === 'field') {
				label = row.field.label;
				const shown = options.display(draft, row.field);
				value = mode.kind === 'edit' && isSelected ? `${mode.text}_` : shown === '' ? '-' : shown;
				warned = warnings.some((w) => w.key === row.field.key);
			} else if (row.kind === 'reschedule') {
				label = 'Reschedule cards on change';
				value = draft.reschedule ? 'on' : 'off';
			} else {
				label = row.action === 'optimize' ? 'Optimize' : 'Evaluate';
				value = `Enter or ${firstKey(bindings, row.action === 'optimize' ? 'options.optimize' : 'options.evaluate')}`;
			}
			const line = `${isSelected ? '›' : ' '} ${fitText(label, labelWidth)} ${warned ? '!' : ' '} ${fitText(value, valueWidth)}`;
			return (
				<Tok key={`r${index}`} theme={theme} token={isSelected ? 'selected' : warned ? 'hint' : 'text'}>
					{fitText(line, width)}
				</Tok>
			);
		});
		const row = rows[selected]!;
		if (mode.kind === 'confirm') {
			about = wrapText(`${mode.question} (y/n)`, width);
			aboutToken = 'hint';
		} else if (mode.kind === 'name') {
			about = [`${nameTitles[mode.target]}, name: ${mode.text}_`, 'Enter keeps it, Esc cancels.'];
			aboutToken = 'hint';
		} else if (row.kind === 'field') {
			const field = row.field;
			const range = field.min !== undefined ? `${field.min}-${field.max}, ` : '';
			const fallback = options.defaultText(field);
			about = wrapText(`${field.help} (${range}default ${fallback === '' ? 'none' : fallback}) [${field.key}]`, width);
			const warning = warnings.find((w) => w.key === field.key);
			if (warning) about.push(...wrapText(warning.text, width));
		} else if (row.kind === 'reschedule') {
			about = ['FSRS: give review cards new due dates when the parameters or retention change (this save only).'];
		} else if (row.kind === 'action') {
			about = [
				row.action === 'optimize'
					? "Fit this preset's FSRS parameters to its review history (fsrs-rs); save to keep them."
					: "Log loss and RMSE of the preset's parameters on its review history.",
			];
		}
	}

	let message: string | null = props.message ?? null;
	let messageIsError = false;
	if (mode.kind === 'busy') {
		const bar = Math.max(10, Math.min(40, width - 40));
		const ratio = mode.total > 0 ? Math.min(1, mode.current / mode.total) : 0;
		const filled = Math.round(ratio * bar);
		message =
			mode.label === 'Optimizing'
				? `Optimizing [${'#'.repeat(filled)}${'-'.repeat(bar - filled)}] ${Math.round(ratio * 100)}%  ${mode.stop ? 'stopping…' : 'Esc stops'}`
				: 'Evaluating…';
	} else if (state.current.note) {
		message = state.current.note.text;
		messageIsError = state.current.note.error;
	}
	const noteLines = message ? wrapText(message, width).slice(0, 3) : [];
	const aboutLines = about.slice(0, Math.max(1, 4 - noteLines.length));

	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={title}
			right={right}
			footer={
				<Hints
					theme={theme}
					items={
						mode.kind === 'browse'
							? [
									[firstKey(bindings, 'options.edit'), 'edit'],
									[`${firstKey(bindings, 'options.decrease')}/${firstKey(bindings, 'options.increase')}`, 'change'],
									[firstKey(bindings, 'options.preset'), 'preset'],
									[firstKey(bindings, 'options.save'), 'save'],
									[firstKey(bindings, 'app.help'), 'help'],
									[firstKey(bindings, 'app.back'), 'back'],
								]
							: [[firstKey(bindings, 'app.back'), mode.kind === 'busy' ? 'stop' : 'cancel']]
					}
				/>
			}
		>
			<Box flexDirection="column" height={listRows} overflow="hidden">
				{listing}
			</Box>
			<Box flexDirection="column">
				{aboutLines.map((line, i) => (
					<Tok key={`a${i}`} theme={theme} token={i === 0 ? aboutToken : 'hint'}>
						{fitText(line, width)}
					</Tok>
				))}
				{noteLines.map((line, i) => (
					<Tok key={`n${i}`} theme={theme} token={messageIsError ? 'error' : 'accent'}>
						{line}
					</Tok>
				))}
			</Box>
		</Frame>
	);
}

/** Where the page cannot be shown (a filtered deck): why, and any key goes back. */
export function DeckOptionsUnavailable(props: BaseScreenProps & {text: string; onBack: () => void}): React.JSX.Element {
	const {theme, bindings} = props;
	useCommands(bindings, deckOptionsScopes, (command) => (command === 'app.help' ? props.onHelp() : props.onBack()), {
		isActive: props.active,
		onUnbound: props.onBack,
	});
	return (
		<Frame
			theme={theme}
			width={props.width}
			height={props.height}
			title={<Tok theme={theme} token="title">Options</Tok>}
			footer={<Hints theme={theme} items={[[firstKey(bindings, 'app.back'), 'back']]} />}
		>
			<Tok theme={theme} token="error">
				{props.text}
			</Tok>
		</Frame>
	);
}
