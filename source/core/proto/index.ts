// Decode/encode helpers for the protobuf blobs Anki stores (table blobs in schema 15+, `meta` and
// `media` entries in packages). Messages keep fields they do not know, so decode → edit → encode
// rewrites only what was changed. 64-bit ids are bigint in messages; convert with Number().
import {create, fromBinary, toBinary, type MessageInitShape} from '@bufbuild/protobuf';
import {
	DeckCommonSchema,
	DeckConfigConfigSchema,
	DeckKindContainerSchema,
	FieldConfigSchema,
	MediaEntriesSchema,
	NotetypeConfigSchema,
	PackageMetadataSchema,
	TemplateConfigSchema,
	type DeckCommon,
	type DeckConfigConfig,
	type DeckKindContainer,
	type FieldConfig,
	type MediaEntries,
	type NotetypeConfig,
	type PackageMetadata,
	type TemplateConfig,
} from './gen/anki_blobs_pb.js';

export * from './gen/anki_blobs_pb.js';

/** SQLite hands blobs back as Buffer (null for a NULL column, a string if a tool stored text). */
type Blob = Uint8Array | string | null | undefined;
const bytes = (blob: Blob): Uint8Array =>
	typeof blob === 'string' ? Buffer.from(blob, 'utf8') : (blob ?? new Uint8Array(0));

export const decodeNotetypeConfig = (blob: Blob): NotetypeConfig => fromBinary(NotetypeConfigSchema, bytes(blob));
export const encodeNotetypeConfig = (message: NotetypeConfig): Uint8Array => toBinary(NotetypeConfigSchema, message);
export const newNotetypeConfig = (init?: MessageInitShape<typeof NotetypeConfigSchema>): NotetypeConfig =>
	create(NotetypeConfigSchema, init);

export const decodeFieldConfig = (blob: Blob): FieldConfig => fromBinary(FieldConfigSchema, bytes(blob));
export const encodeFieldConfig = (message: FieldConfig): Uint8Array => toBinary(FieldConfigSchema, message);
export const newFieldConfig = (init?: MessageInitShape<typeof FieldConfigSchema>): FieldConfig =>
	create(FieldConfigSchema, init);

export const decodeTemplateConfig = (blob: Blob): TemplateConfig => fromBinary(TemplateConfigSchema, bytes(blob));
export const encodeTemplateConfig = (message: TemplateConfig): Uint8Array => toBinary(TemplateConfigSchema, message);
export const newTemplateConfig = (init?: MessageInitShape<typeof TemplateConfigSchema>): TemplateConfig =>
	create(TemplateConfigSchema, init);

export const decodeDeckCommon = (blob: Blob): DeckCommon => fromBinary(DeckCommonSchema, bytes(blob));
export const encodeDeckCommon = (message: DeckCommon): Uint8Array => toBinary(DeckCommonSchema, message);
export const newDeckCommon = (init?: MessageInitShape<typeof DeckCommonSchema>): DeckCommon =>
	create(DeckCommonSchema, init);

export const decodeDeckKind = (blob: Blob): DeckKindContainer => fromBinary(DeckKindContainerSchema, bytes(blob));
export const encodeDeckKind = (message: DeckKindContainer): Uint8Array => toBinary(DeckKindContainerSchema, message);
export const newDeckKind = (init?: MessageInitShape<typeof DeckKindContainerSchema>): DeckKindContainer =>
	create(DeckKindContainerSchema, init);

export const decodeDeckConfigConfig = (blob: Blob): DeckConfigConfig => fromBinary(DeckConfigConfigSchema, bytes(blob));
export const encodeDeckConfigConfig = (message: DeckConfigConfig): Uint8Array =>
	toBinary(DeckConfigConfigSchema, message);
export const newDeckConfigConfig = (init?: MessageInitShape<typeof DeckConfigConfigSchema>): DeckConfigConfig =>
	create(DeckConfigConfigSchema, init);

/** The 2-byte `meta` entry of a package (`08 02`, `08 03`). */
export const decodePackageMetadata = (blob: Blob): PackageMetadata => fromBinary(PackageMetadataSchema, bytes(blob));
export const encodePackageMetadata = (message: PackageMetadata): Uint8Array => toBinary(PackageMetadataSchema, message);
export const newPackageMetadata = (init?: MessageInitShape<typeof PackageMetadataSchema>): PackageMetadata =>
	create(PackageMetadataSchema, init);

/** The (already zstd-decompressed) `media` entry of a version-3 package. */
export const decodeMediaEntries = (blob: Blob): MediaEntries => fromBinary(MediaEntriesSchema, bytes(blob));
export const encodeMediaEntries = (message: MediaEntries): Uint8Array => toBinary(MediaEntriesSchema, message);
export const newMediaEntries = (init?: MessageInitShape<typeof MediaEntriesSchema>): MediaEntries =>
	create(MediaEntriesSchema, init);

/** Package format versions (`PackageMetadata.version`). */
export const PackageVersion = {Unknown: 0, Legacy1: 1, Legacy2: 2, Latest: 3} as const;
