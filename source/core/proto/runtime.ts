// What the blob helpers (index.ts) need from protobuf-es and the generated schemas. Building the
// schemas costs CPU a schema-11 collection never needs: index.ts reaches this module only through
// load-runtime.ts, which the bundle turns into a lazy require (scripts/bundle-patches.mjs). In the
// bundle the schemas' descriptor is also prebuilt (scripts/proto-descriptor.mjs): about 3 ms instead
// of 25 for booting descriptor.proto and decoding the base64 descriptor on a 2-core VM.
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
