// Run inside a tmux pane by first-paint.test.ts: writes what the first paint would write for the
// collection in this terminal (same config, same colour level), then waits to be looked at.
import {readConfigFile} from '../../source/commands/config-file.js';
import {firstPaintText} from '../../source/commands/first-paint.js';
import {openCollection} from '../../source/core/collection/open.js';
import {loadDeckTree} from '../../source/core/overview/load-deck-tree.js';
import type {DeckTreeItem} from '../../source/ui/view-types.js';

const collection = openCollection(process.argv[2]!, {readOnly: true});
const tree = loadDeckTree(collection, new Date(), {cardTotals: false}) as DeckTreeItem[];
collection.close();
const text = firstPaintText(tree, readConfigFile(process.env), {noColor: false, env: process.env, columns: process.stdout.columns, rows: process.stdout.rows});
process.stdout.write(text ?? 'nothing to paint');
setTimeout(() => {}, 30_000);
