// `anki-tui profiles [--json] [--base DIR]`: the Anki profiles on this machine, each with its
// collection's path, size, schema and whether Anki has it open (core/profiles/).
import {assertAnkiBaseFolder} from '../core/collection/file-checks.js';
import {formatSize} from '../core/format-size.js';
import {findProfiles, profileCommand, type AnkiProfile} from '../core/profiles/profiles.js';
import type {CommandContext} from './flags.js';
import {printJson} from './json-output.js';
import {printOut, safeLine} from './terminal-output.js';

function profileJson(p: AnkiProfile) {
	return {
		name: p.name,
		base: p.base.path,
		source: p.base.source,
		folder: p.folder,
		collection: p.collection,
		media: p.media,
		exists: p.exists,
		size: p.size ?? null,
		schema: p.schema ?? null,
		inUse: p.inUse ?? null,
	};
}

export async function runProfiles({flags, color}: CommandContext): Promise<number> {
	if (flags.base !== undefined) assertAnkiBaseFolder(flags.base);
	const {profiles, searched} = findProfiles({base: flags.base});
	if (flags.json) {
		printJson({profiles: profiles.map(profileJson), searched: searched.map(s => ({folder: s.folder.path, source: s.folder.source, exists: s.exists}))});
		return 0;
	}
	if (profiles.length === 0) {
		const where = searched.map(s => s.folder.path).join(', ');
		printOut(`No Anki profiles found (looked in ${where}).\nIf Anki runs with -b DIR, give the same folder: anki-tui profiles --base DIR\n`);
		return 0;
	}
	const {makeChalk, padEnd, padStart, stringWidth} = await import('./output.js');
	const chalk = makeChalk(color);
	const rows = profiles.map(p => ({
		name: safeLine(p.name),
		schema: p.schema === undefined ? (p.exists ? '?' : '-') : String(p.schema),
		size: p.size === undefined ? '-' : formatSize(p.size),
		inUse: !p.exists ? 'no collection yet' : p.inUse ? 'open in Anki' : '',
		path: safeLine(p.collection),
	}));
	const nameWidth = Math.max(7, ...rows.map(r => stringWidth(r.name)));
	const sizeWidth = Math.max(4, ...rows.map(r => r.size.length));
	const stateWidth = Math.max(5, ...rows.map(r => r.inUse.length));
	const line = (name: string, schema: string, size: string, state: string, file: string) =>
		`${padEnd(name, nameWidth)}  ${padStart(schema, 6)}  ${padStart(size, sizeWidth)}  ${padEnd(state, stateWidth)}  ${file}`;
	const lines = [chalk.bold(line('Profile', 'Schema', 'Size', 'State', 'Collection'))];
	for (const r of rows) lines.push(line(r.name, r.schema, r.size, r.inUse ? chalk.yellow(r.inUse) : r.inUse, r.path));
	lines.push('', chalk.dim(`Open one with: ${profileCommand(profiles.find(p => p.exists) ?? profiles[0]!)}`));
	printOut(`${lines.join('\n')}\n`, {color});
	return 0;
}
