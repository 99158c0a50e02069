// Root may read and write anywhere, so tests of unreadable or unwritable files run a process as
// `nobody` through runuser. That works only when nobody can reach the project: a clone inside a
// private folder (mktemp -d makes 0700 ones) cannot, and those tests then skip with a notice.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from './shared.js';

export const runuser = '/usr/sbin/runuser';
export const runsAsRoot = process.getuid?.() === 0;

function nobodyReadsProject(): boolean {
	const file = path.join(projectRoot, 'package.json');
	const probe = spawnSync(runuser, ['-u', 'nobody', '--', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(file)})`], {timeout: 20_000});
	return probe.status === 0;
}

/** Why a test that needs `nobody` cannot have it (running as root), or null. */
export const nobodyUnavailable: string | null = !runsAsRoot
	? null
	: !existsSync(runuser)
		? `${runuser} is absent`
		: nobodyReadsProject()
			? null
			: `the user nobody cannot read ${projectRoot} (a folder on its path is private)`;

/** As root, whether a process may be run as `nobody` (false when not root: it needs none). */
export const canDropToNobody = runsAsRoot && nobodyUnavailable === null;
