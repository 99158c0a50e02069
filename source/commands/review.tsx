// `anki-tui` / `anki-tui review [FILE] [--deck NAME]`: opens the collection (or package), builds
// the app model over it (ui/app-model.ts) and runs the Ink app on the alternate screen until the
// user quits. Every answer is committed by the session before the next card shows, so however the
// process ends no answered card is lost.
import React from 'react';
import {render} from 'ink';
import {openInput} from './open-input.js';
import {upgradeV1SchedulerIfNeeded} from '../core/scheduler/upgrade-v1.js';
import {deckIdsForName} from '../core/overview/deck-names.js';
import {existsSync} from 'node:fs';
import {mediaPath} from '../core/media/media-file.js';
import {createImageOverlay} from '../ui/graphics/inline-images.js';
import {detectGraphics} from '../ui/graphics/setup.js';
import {App} from '../ui/App.js';
import {createAppModel} from '../ui/app-model.js';
import {layoutEngineReady} from '../ui/layout-engine.js';
import {resolveTheme} from '../ui/theme.js';
import {readConfigFile} from './config-file.js';
import {timingRecorder, type TimingRecorder} from './timing-recorder.js';
import {cursorHome, enterAltScreen, leaveAltScreen, showCursor} from '../ui/terminal-codes.js';
import {textWriter} from './terminal-output.js';
import {guardInkOutput} from '../ui/ink-output-guard.js';
import type {FirstPaint} from './first-paint.js';

export interface ReviewOptions {
	/** A package (.apkg/.colpkg) or a collection file; none = the local collection. */
	file?: string;
	/** --collection: the collection to use when no file is given. */
	collection?: string;
	/** --deck: study this deck (and its subdecks) straight away. */
	deck?: string;
	/** --no-color (NO_COLOR is read from env as well). */
	noColor?: boolean;
	env?: NodeJS.ProcessEnv;
	/** Defaults to the XDG config path. */
	configFile?: string;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	/** Where one-line notices go before the reviewer starts (default process.stderr). */
	stderr?: NodeJS.WritableStream;
	/** Called with the time from process start to the first frame (ms), for measurements. */
	onFirstFrame?: (ms: number) => void;
	/** The collection as commands/first-paint.ts opened it (and the frame it painted, if any). */
	opened?: FirstPaint;
}


/** Runs the interactive reviewer; resolves with the exit code when the user quits. */
export async function runReview(options: ReviewOptions): Promise<number> {
	const env = options.env ?? process.env;
	const timings = timingRecorder(env.ANKI_TUI_TIMINGS);
	timings.mark('start');
	// Raw mode from the start: keys typed while the collection opens are kept for the first screen
	// instead of being echoed by the terminal (which would scroll the frame).
	const stdin = options.stdin ?? process.stdin;
	if (stdin.isTTY) stdin.setRawMode(true);
	try {
		return await runWithRawInput(options, env, timings);
	} finally {
		if (stdin.isTTY) stdin.setRawMode(false);
	}
}

async function runWithRawInput(options: ReviewOptions, env: NodeJS.ProcessEnv, timings: TimingRecorder): Promise<number> {
	const config = readConfigFile(env, options.configFile);
	const theme = resolveTheme({name: config.theme, noColor: options.noColor, env, overrides: config.colors});

	const stdout = options.stdout ?? process.stdout;
	// The terminal is asked what it can draw while the collection opens (replies need the event loop).
	const graphicsReady = detectGraphics({env, settings: config.images, stdin: options.stdin ?? process.stdin, stdout, noColor: theme.name === 'none'});
	let input: Awaited<ReturnType<typeof openInput>>;
	try {
		input = options.opened?.input ?? (await openInput(options.file, {collection: options.collection, readOnly: false}));
	} catch (error) {
		(await graphicsReady).restore();
		throw error;
	}
	if (options.opened?.paintedAt != null) timings.mark('painted', options.opened.paintedAt);
	timings.mark('opened');
	const graphics = await graphicsReady;
	const col = input.collection;
	// A collection on Anki's v1 scheduler is upgraded first (the collection backs itself up before
	// this first write), as current Anki does on open.
	if (upgradeV1SchedulerIfNeeded(col, Date.now())) {
		textWriter(options.stderr ?? process.stderr)(
			`${col.path} was on Anki's old v1 scheduler; upgraded to v2 as current Anki does${col.backupPath ? ` (backup: ${col.backupPath})` : ''}. Its next sync will be a full sync.\n`,
		);
	}
	const mediaDir = input.mediaDir ?? null;
	const overlay = graphics.choice.output !== 'off' && mediaDir ? createImageOverlay({choice: graphics.choice, mediaDir, stdout}) : null;
	let restored = false;
	const restoreScreen = () => {
		if (restored) return;
		restored = true;
		if (stdout.isTTY) stdout.write(overlay?.dispose() ?? '');
		// After a first paint its undo leaves the alternate screen, once (review-entry calls it on errors too).
		if (options.opened?.paintedAt != null) options.opened.undo();
		else if (stdout.isTTY) stdout.write(leaveAltScreen + showCursor);
		graphics.restore();
	};
	try {
		const model = createAppModel({
			collection: col,
			mediaDir,
			config,
			label: options.file ?? options.collection ?? '',
			mediaExists: (name) => {
				const full = mediaDir ? mediaPath(mediaDir, name) : null;
				return full !== null && existsSync(full);
			},
		});
		let startDeckId: number | undefined;
		if (options.deck !== undefined) {
			// Throws a UsageError listing the decks when there is no such deck.
			startDeckId = deckIdsForName(col.adapter.decks(), options.deck)[0];
		}
		timings.mark('model');
		await layoutEngineReady();
		// The alternate screen keeps the user's scrollback intact and avoids flicker on redraw. After
		// the first paint it is already there: Ink's first frame goes over the painted one, from home.
		if (stdout.isTTY) stdout.write(options.opened?.paintedAt == null ? enterAltScreen : cursorHome);
		const app = render(
			<App model={model} theme={theme} bindings={config.bindings} startDeckId={startDeckId} firstTree={options.opened?.tree} notice={config.warnings[0] ?? null} onKey={timings.key} images={overlay?.images} />,
			{
				// Ink's text is already terminal-safe (ui/safe-text.tsx); the guard catches what got past it.
				stdout: guardInkOutput(overlay?.stdout ?? stdout),
				// ink spreads its options over its defaults: an undefined stdin would replace process.stdin.
				...(options.stdin ? {stdin: options.stdin} : {}),
				exitOnCtrlC: true,
				patchConsole: false,
				maxFps: 60,
				// ink 6.8's incremental mode leaves stale rows when a frame's line count changes; full
				// frames (inside synchronized-output markers where supported) stay correct.
				incrementalRendering: false,
				onRender: () => {
					const first = timings.firstFrame() === null;
					timings.frame();
					if (first) options.onFirstFrame?.(timings.firstFrame()!);
				},
			},
		);
		// A terminal closing or a kill still leaves cleanly: answers are already committed.
		const quit = () => app.unmount();
		const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
		for (const signal of signals) process.once(signal, quit);
		try {
			await app.waitUntilExit();
		} finally {
			for (const signal of signals) process.off(signal, quit);
			model.close?.();
			timings.save();
		}
		return 0;
	} finally {
		restoreScreen();
		input.close();
	}
}

