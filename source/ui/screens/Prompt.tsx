// A one-line question: a name for a new deck, the new name of a deck. Enter hands the text to
// `submit`, which answers with an error to show (and the prompt stays) or null (and it closes).
import React, {useRef, useState} from 'react';
import {useKeptState} from '../hooks/use-kept-state.js';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {firstKey, type Scope} from '../keys.js';
import {useCommands} from '../hooks/use-commands.js';
import type {FormScreenProps} from './screen-props.js';
import {Frame, Hints} from '../components/Frame.js';
import {Field} from '../components/Field.js';
import {Tok} from '../components/StyledLines.js';

export interface PromptProps extends FormScreenProps {
	title: string;
	label: string;
	initial: string;
	/** A line under the field (what the name may contain). */
	note?: string;
	submit: (text: string) => string | null;
	onDone: () => void;
}

export const promptScopes: readonly Scope[] = ['form', 'app'];

export function Prompt(props: PromptProps): React.JSX.Element {
	const {theme, bindings, width, height} = props;
	const [text, setText] = useKeptState(props.owner, 'text', () => props.initial);
	const [error, setError] = useState<string | null>(null);
	const live = useRef(text);
	live.current = text;
	const set = (next: string) => {
		live.current = next;
		setText(next);
		setError(null);
	};
	useCommands(
		bindings,
		promptScopes,
		(command) => {
			if (command === 'form.accept') {
				const problem = props.submit(live.current);
				if (problem === null) props.onDone();
				else setError(problem);
			} else if (command === 'app.back') props.onDone();
		},
		{
			isActive: props.active ?? true,
			isTyping: () => true,
			onText: (typed) => set(live.current + typed),
			onBackspace: () => set([...live.current].slice(0, -1).join('')),
		},
	);
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">{props.title}</Tok>}
			message={error}
			footer={<Hints theme={theme} items={[[firstKey(bindings, 'form.accept'), 'OK'], ['Esc', 'cancel']]} />}
		>
			<Field theme={theme} width={width} label={props.label} labelWidth={props.label.length} value={text} focused editing />
			{props.note ? (
				<Box marginTop={1}>
					<Text wrap="wrap">
						<Tok theme={theme} token="muted">{props.note}</Tok>
					</Text>
				</Box>
			) : null}
		</Frame>
	);
}
