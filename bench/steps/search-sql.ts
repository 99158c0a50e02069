// Prints the SQL `anki-tui search FILE QUERY [--notes]` runs, with its parameters written in as
// literals, so the sqlite3 CLI can run the very same statement as the floor of the search rows; a
// first comment line gives the rows it found bound (`-- rows: N`).
// Usage: node --import tsx bench/steps/search-sql.ts COLLECTION QUERY [--notes]
import {openCollection} from '../../source/core/collection/open.js';
import {compileRowSearch} from '../../source/core/browse/rows.js';
import {browserSortOrder} from '../../source/core/browse/settings.js';
import {loadSearchContext} from '../../source/core/search/index.js';

const [file, query = ''] = process.argv.slice(2).filter(arg => arg !== '--notes');
const itemType = process.argv.includes('--notes') ? 'notes' : 'cards';
const col = openCollection(file!, {readOnly: true});
try {
	const context = loadSearchContext(col);
	const compiled = compileRowSearch(col, query, itemType, {context, order: browserSortOrder(col, itemType)});
	if (/temp\./.test(compiled.sql)) throw new Error('this order needs temp tables; the floor cannot run it as one statement');
	let index = 0;
	const sql = compiled.sql.replace(/\?/g, () => {
		const value = compiled.params[index++];
		if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
		if (value === null || value === undefined) return 'NULL';
		return String(value);
	});
	// The rows the statement finds now, with its parameters bound, for run.ts to check the literal
	// version against: both see the same clock (is:due compares learning cards with the second).
	const rows = col.db.prepare(compiled.sql).raw(true).all(...compiled.params).length;
	process.stdout.write(`-- rows: ${rows}\n${sql};\n`);
} finally {
	col.close();
}
