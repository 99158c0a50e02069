// What the blob helpers (index.ts) need from protobuf-es and the generated schemas. Building the
// schemas boots descriptor.proto and Anki's file descriptors: about 25 ms of CPU at every start on
// a 2-core VM, which a schema-11 collection never needs. index.ts reaches this module only through
// load-runtime.ts, which the bundle turns into a lazy require (scripts/bundle-patches.mjs).
export {create, fromBinary, toBinary} from '@bufbuild/protobuf';
export {
	DayLimitSchema,
	DeckCommonSchema,
	DeckConfigConfigSchema,
	DeckKindContainerSchema,
	FieldConfigSchema,
	FilteredDeck_SearchTermSchema,
	FilteredDeckSchema,
	MediaEntriesSchema,
	NormalDeckSchema,
	NotetypeConfigSchema,
	PackageMetadataSchema,
	TemplateConfigSchema,
} from './gen/anki_blobs_pb.js';
