// The parsed form of a search (rslib search/parser.rs Node and SearchNode). A group keeps its
// terms and operators in the order written: Anki writes them into SQL as they stand, so SQL's
// precedence (AND before OR) applies, and so does ours.

export type Node =
	| {type: 'and'}
	| {type: 'or'}
	| {type: 'not'; node: Node}
	| {type: 'group'; nodes: Node[]}
	| {type: 'search'; term: Term};

export type FieldMode = 'normal' | 'regex' | 'nc';

export type StateKind = 'new' | 'review' | 'learn' | 'due' | 'buried' | 'buried-manually' | 'buried-sibling' | 'suspended';

/** An answer button 1-4, any answer (ease > 0), or a manual reschedule (ease = 0). */
export type Rating = number | 'any' | 'resched';

export type Operator = '<=' | '>=' | '!=' | '=' | '<' | '>';

export type Property =
	| {prop: 'due'; days: number}
	| {prop: 'ivl' | 'reps' | 'lapses' | 'pos'; value: number}
	| {prop: 'ease' | 's' | 'd' | 'r'; value: number}
	| {prop: 'rated'; days: number; rating: Rating}
	| {prop: 'cdn'; key: string; value: number}
	| {prop: 'cds'; key: string; value: string};

export type Term =
	| {kind: 'whole'}
	| {kind: 'text'; text: string}
	| {kind: 'field'; field: string; text: string; mode: FieldMode}
	| {kind: 'added'; days: number}
	| {kind: 'edited'; days: number}
	| {kind: 'introduced'; days: number}
	| {kind: 'template'; ord: number}
	| {kind: 'template'; name: string}
	| {kind: 'deck'; name: string}
	/** `did:` — digits and commas, checked. */
	| {kind: 'deck-ids'; ids: string}
	| {kind: 'notetype-id'; id: bigint}
	| {kind: 'notetype'; name: string}
	| {kind: 'rated'; days: number; rating: Rating}
	| {kind: 'tag'; tag: string; mode: FieldMode}
	| {kind: 'dupe'; notetypeId: bigint; text: string}
	| {kind: 'state'; state: StateKind}
	| {kind: 'flag'; flag: number}
	| {kind: 'note-ids'; ids: string}
	| {kind: 'card-ids'; ids: string}
	| {kind: 'prop'; op: Operator; property: Property}
	| {kind: 'regex'; pattern: string}
	| {kind: 'nc'; text: string}
	| {kind: 'sc'; text: string}
	| {kind: 'word'; text: string}
	| {kind: 'custom-data'; key: string}
	| {kind: 'preset'; name: string};

export const and: Node = {type: 'and'};
export const or: Node = {type: 'or'};
