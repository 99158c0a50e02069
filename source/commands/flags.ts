// The flags every command understands, as meow's specification, and the context each command is
// run with. Commands import these types from here, never from cli.tsx (which imports them).
import type {TypedFlags} from 'meow';

export const flagSpec = {
	collection: {type: 'string'},
	profile: {type: 'string'},
	base: {type: 'string'},
	deck: {type: 'string'},
	card: {type: 'string'},
	period: {type: 'string'},
	json: {type: 'boolean', default: false},
	notes: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	endpoint: {type: 'string'},
	user: {type: 'string'},
	passwordStdin: {type: 'boolean', default: false},
	upload: {type: 'boolean', default: false},
	download: {type: 'boolean', default: false},
	protocol: {type: 'string', default: 'auto'},
	debug: {type: 'boolean', default: false},
	// custom-study (numbers as strings: `--new -5` lowers a limit, and the range message is Anki's)
	new: {type: 'string'},
	review: {type: 'string'},
	forgotten: {type: 'string'},
	ahead: {type: 'string'},
	preview: {type: 'string'},
	cards: {type: 'string'},
	tags: {type: 'string'},
	// filtered
	search: {type: 'string'},
	search2: {type: 'string'},
	limit: {type: 'string'},
	limit2: {type: 'string'},
	order: {type: 'string'},
	order2: {type: 'string'},
	reschedule: {type: 'boolean'},
	previewAgain: {type: 'string'},
	previewHard: {type: 'string'},
	previewGood: {type: 'string'},
	allowEmpty: {type: 'boolean', default: false},
	// deck delete
	yes: {type: 'boolean', default: false},
	set: {type: 'string', isMultiple: true},
	preset: {type: 'string'},
	optimize: {type: 'boolean', default: false},
	evaluate: {type: 'boolean', default: false},
} as const;

export type Flags = TypedFlags<typeof flagSpec>;

export interface CommandContext {
	file: string | undefined;
	flags: Flags;
	color: boolean;
}
