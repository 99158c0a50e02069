// JSON on stdout for --json: pretty-printed, one document, newline-terminated.
export function printJson(value: unknown): void {
	process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
