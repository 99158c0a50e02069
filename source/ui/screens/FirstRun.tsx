// Shown instead of an empty deck browser: how to get cards in, starting with the Anki profiles
// already on this machine.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../safe-text.js';
import {firstKey, type Bindings, type Scope} from '../keys.js';
import type {Theme} from '../theme.js';
import {useCommands} from '../hooks/use-commands.js';
import {Frame, Hints} from '../components/Frame.js';
import {Tok} from '../components/StyledLines.js';
import type {ProfileOffer} from '../app-model.js';

/** More would push the other ways off an 80x24 screen; `anki-tui profiles` lists them all. */
const MAX_PROFILES = 3;

export interface FirstRunProps {
	collectionPath: string;
	/** Anki profiles found on this machine (other than the collection open now). */
	profiles?: ProfileOffer[];
	theme: Theme;
	bindings: Bindings;
	width: number;
	height: number;
	active?: boolean;
	onBack: () => void;
	onHelp: () => void;
}

export const firstRunScopes: readonly Scope[] = ['app'];

export function FirstRun(props: FirstRunProps): React.JSX.Element {
	const {theme, bindings} = props;
	const profiles = props.profiles ?? [];
	useCommands(
		bindings,
		firstRunScopes,
		(command) => {
			if (command === 'app.back') props.onBack();
			else if (command === 'app.help') props.onHelp();
		},
		{isActive: props.active ?? true},
	);
	return (
		<Frame
			theme={theme}
			width={props.width}
			height={props.height}
			title={<Tok theme={theme} token="title">Welcome to anki-tui</Tok>}
			footer={<Hints theme={theme} items={[[firstKey(bindings, 'app.back'), 'quit']]} />}
		>
			<Box flexDirection="column">
				<Text>Your collection has no cards yet:</Text>
				<Tok theme={theme} token="muted">
					{props.collectionPath}
				</Tok>
				<Text> </Text>
				{profiles.length > 0 && (
					<>
						<Text>Open your Anki profile in place (close Anki first):</Text>
						{profiles.slice(0, MAX_PROFILES).map((p) => (
							<Tok key={p.command} theme={theme} token="accent">
								{`  ${p.command}`}
							</Tok>
						))}
						{profiles.length > MAX_PROFILES && (
							<Tok theme={theme} token="muted">
								{`  and ${profiles.length - MAX_PROFILES} more: anki-tui profiles`}
							</Tok>
						)}
						<Text> </Text>
					</>
				)}
				<Text>Import a shared deck or an export from Anki:</Text>
				<Tok theme={theme} token="accent">
					{'  anki-tui import deck.apkg'}
				</Tok>
				<Text>or study a package straight away:</Text>
				<Tok theme={theme} token="accent">
					{'  anki-tui review deck.apkg'}
				</Tok>
				<Text>or sync with your own sync server:</Text>
				<Tok theme={theme} token="accent">
					{'  anki-tui sync --endpoint http://host:8080/ --user NAME'}
				</Tok>
			</Box>
		</Frame>
	);
}
