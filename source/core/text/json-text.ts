// JSON text as anki-tui writes it for scripts: JSON.stringify, with DEL and C1 controls written as
// \u escapes too. JSON.stringify escapes only C0; DEL and C1 (U+0080-U+009F, CSI among them) it
// leaves raw, and a terminal showing the JSON may obey them. Escaped, the data parses the same.

const RAW_CONTROLS = /[\u007f-\u009f]/g;
const ANY_RAW_CONTROL = /[\u007f-\u009f]/;

/** JSON.stringify(value, null, indent), with DEL and C1 controls escaped. */
export function jsonText(value: unknown, indent?: number): string {
	const json = JSON.stringify(value, null, indent);
	return ANY_RAW_CONTROL.test(json) ? json.replace(RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
