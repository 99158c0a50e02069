// A yes/no question before something that deletes ("Delete Spanish? It has 120 cards."). `yes`
// answers with an error to show, or null when done.
import React, {useState} from 'react';
import {Text} from '../safe-text.js';
import {firstKey, type Bindings, type Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints} from '../components/Frame.js';
import {Tok} from '../components/StyledLines.js';

export interface ConfirmProps {
	title: string;
	question: string;
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	yes: () => string | null;
	onDone: () => void;
	onHelp: () => void;
}

export const confirmScopes: readonly Scope[] = ['confirm', 'app'];

export function Confirm(props: ConfirmProps): React.JSX.Element {
	const {theme, bindings, width, height} = props;
	const [error, setError] = useState<string | null>(null);
	useCommands(
		bindings,
		confirmScopes,
		(command) => {
			if (command === 'confirm.yes') {
				const problem = props.yes();
				if (problem === null) props.onDone();
				else setError(problem);
			} else if (command === 'confirm.no' || command === 'app.back') props.onDone();
			else if (command === 'app.help') props.onHelp();
		},
		{isActive: props.active ?? true},
	);
	return (
		<Frame
			theme={theme}
			width={width}
			height={height}
			title={<Tok theme={theme} token="title">{props.title}</Tok>}
			message={error}
			footer={<Hints theme={theme} items={[[firstKey(bindings, 'confirm.yes'), 'yes'], [firstKey(bindings, 'confirm.no'), 'no']]} />}
		>
			<Text wrap="wrap">{props.question}</Text>
		</Frame>
	);
}
