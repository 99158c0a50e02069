// A private copy of the project's demo collection, opened with the app model a screen test drives
// (no audio player); close() closes and removes it.
import path from 'node:path';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {createAppModel, type AppModel} from '../../source/ui/app-model.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';

export function openDemoApp(): {col: Collection; model: AppModel; close: () => void} {
	const copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
	const col = openCollection(copy.file);
	const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	return {
		col,
		model,
		close: () => {
			col.close();
			copy.cleanup();
		},
	};
}
