// Decode/encode helpers for the protobuf blobs Anki stores (table blobs in schema 15+, `meta` and
// `media` entries in packages). Messages keep fields they do not know, so decode → edit → encode
// rewrites only what was changed. 64-bit ids are bigint in messages; convert with Number().
import type {MessageInitShape} from '@bufbuild/protobuf';
import type {
	DayLimit,
	DeckCommon,
	DeckCommonSchema,
	DeckConfigConfig,
	DeckConfigConfigSchema,
	DeckKindContainer,
	DeckKindContainerSchema,
	FieldConfig,
	FieldConfigSchema,
	FilteredDeck,
	FilteredDeck_SearchTerm,
	MediaEntries,
	MediaEntriesSchema,
	NormalDeck,
	NotetypeConfig,
	NotetypeConfigSchema,
	PackageMetadata,
	PackageMetadataSchema,
	TemplateConfig,
	TemplateConfigSchema,
} from './gen/anki_blobs_pb.js';
import {protoRuntime as pb} from './load-runtime.js';

// Types only: the schemas (values) are built on first use, see runtime.ts.
export type * from './gen/anki_blobs_pb.js';

/** SQLite hands blobs back as Buffer (null for a NULL column, a string if a tool stored text). */
type Blob = Uint8Array | string | null | undefined;
const bytes = (blob: Blob): Uint8Array =>
	typeof blob === 'string' ? Buffer.from(blob, 'utf8') : (blob ?? new Uint8Array(0));

export const decodeNotetypeConfig = (blob: Blob): NotetypeConfig => pb().fromBinary(pb().NotetypeConfigSchema, bytes(blob));
export const encodeNotetypeConfig = (message: NotetypeConfig): Uint8Array => pb().toBinary(pb().NotetypeConfigSchema, message);
export const newNotetypeConfig = (init?: MessageInitShape<typeof NotetypeConfigSchema>): NotetypeConfig =>
	pb().create(pb().NotetypeConfigSchema, init);

export const decodeFieldConfig = (blob: Blob): FieldConfig => pb().fromBinary(pb().FieldConfigSchema, bytes(blob));
export const encodeFieldConfig = (message: FieldConfig): Uint8Array => pb().toBinary(pb().FieldConfigSchema, message);
export const newFieldConfig = (init?: MessageInitShape<typeof FieldConfigSchema>): FieldConfig =>
	pb().create(pb().FieldConfigSchema, init);

export const decodeTemplateConfig = (blob: Blob): TemplateConfig => pb().fromBinary(pb().TemplateConfigSchema, bytes(blob));
export const encodeTemplateConfig = (message: TemplateConfig): Uint8Array => pb().toBinary(pb().TemplateConfigSchema, message);
export const newTemplateConfig = (init?: MessageInitShape<typeof TemplateConfigSchema>): TemplateConfig =>
	pb().create(pb().TemplateConfigSchema, init);

export const decodeDeckCommon = (blob: Blob): DeckCommon => pb().fromBinary(pb().DeckCommonSchema, bytes(blob));
export const encodeDeckCommon = (message: DeckCommon): Uint8Array => pb().toBinary(pb().DeckCommonSchema, message);
export const newDeckCommon = (init?: MessageInitShape<typeof DeckCommonSchema>): DeckCommon =>
	pb().create(pb().DeckCommonSchema, init);

export const decodeDeckKind = (blob: Blob): DeckKindContainer => pb().fromBinary(pb().DeckKindContainerSchema, bytes(blob));
export const encodeDeckKind = (message: DeckKindContainer): Uint8Array => pb().toBinary(pb().DeckKindContainerSchema, message);
export const newDeckKind = (init?: MessageInitShape<typeof DeckKindContainerSchema>): DeckKindContainer =>
	pb().create(pb().DeckKindContainerSchema, init);

export const decodeDeckConfigConfig = (blob: Blob): DeckConfigConfig => pb().fromBinary(pb().DeckConfigConfigSchema, bytes(blob));
export const encodeDeckConfigConfig = (message: DeckConfigConfig): Uint8Array =>
	pb().toBinary(pb().DeckConfigConfigSchema, message);
export const newDeckConfigConfig = (init?: MessageInitShape<typeof DeckConfigConfigSchema>): DeckConfigConfig =>
	pb().create(pb().DeckConfigConfigSchema, init);

/** The 2-byte `meta` entry of a package (`08 02`, `08 03`). */
export const decodePackageMetadata = (blob: Blob): PackageMetadata => pb().fromBinary(pb().PackageMetadataSchema, bytes(blob));
export const encodePackageMetadata = (message: PackageMetadata): Uint8Array => pb().toBinary(pb().PackageMetadataSchema, message);
export const newPackageMetadata = (init?: MessageInitShape<typeof PackageMetadataSchema>): PackageMetadata =>
	pb().create(pb().PackageMetadataSchema, init);

/** The (already zstd-decompressed) `media` entry of a version-3 package. */
export const decodeMediaEntries = (blob: Blob): MediaEntries => pb().fromBinary(pb().MediaEntriesSchema, bytes(blob));
export const encodeMediaEntries = (message: MediaEntries): Uint8Array => pb().toBinary(pb().MediaEntriesSchema, message);
export const newMediaEntries = (init?: MessageInitShape<typeof MediaEntriesSchema>): MediaEntries =>
	pb().create(pb().MediaEntriesSchema, init);

/** Package format versions (`PackageMetadata.version`). */
export const PackageVersion = {Unknown: 0, Legacy1: 1, Legacy2: 2, Latest: 3} as const;

/** Empty messages of a deck's kind, for convert18. */
export const newNormalDeck = (): NormalDeck => pb().create(pb().NormalDeckSchema);
export const newFilteredDeck = (): FilteredDeck => pb().create(pb().FilteredDeckSchema);
export const newFilteredSearchTerm = (): FilteredDeck_SearchTerm => pb().create(pb().FilteredDeck_SearchTermSchema);
export const newDayLimit = (): DayLimit => pb().create(pb().DayLimitSchema);
