// The results table, in markdown so it pastes into the README as is.
export interface Row {
	name: string;
	measured: string;
	budget: string;
	/** undefined: informational, no budget. */
	pass: boolean | undefined;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function formatTable(rows: Row[]): string {
	const lines = ['| Benchmark | Measured | Budget | Result |', '| --- | --- | --- | --- |'];
	for (const row of rows) {
		const result = row.pass === undefined ? '—' : row.pass ? 'pass' : '**FAIL**';
		lines.push(`| ${cell(row.name)} | ${cell(row.measured)} | ${cell(row.budget)} | ${result} |`);
	}
	return lines.join('\n');
}
