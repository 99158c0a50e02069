// How anki-tui names itself to servers. ankisyncd splits `cv` on commas and needs exactly three
// parts; unknown client names are treated as current, so our own name is safe.
export const CLIENT_NAME = 'anki-tui';
export const CLIENT_VERSION = '0.1.0';

function platformTag(): string {
	// Anki's platform prefixes: lin, mac, win.
	if (process.platform === 'darwin') return 'mac';
	if (process.platform === 'win32') return 'win';
	return 'lin';
}

/** `cv` in meta and `v` on upload/download/media begin (legacy). */
export function legacyClientVersion(): string {
	return `${CLIENT_NAME},${CLIENT_VERSION},${platformTag()}`;
}

/** `c` in the v11 `anki-sync` header: version,buildhash,os as Anki's short version string. */
export function v11ClientVersion(): string {
	return `${CLIENT_VERSION},${CLIENT_NAME},${platformTag()}`;
}
