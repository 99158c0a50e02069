// Small helpers for human output on stdout: colour only when asked, widths that respect CJK.
import {Chalk} from 'chalk';
import stringWidth from 'string-width';

export function makeChalk(color: boolean) {
	return new Chalk({level: color ? 1 : 0});
}

export function padEnd(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export function padStart(text: string, width: number): string {
	return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

export {stringWidth};
