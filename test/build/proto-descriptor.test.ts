// The bundle carries Anki's blob schemas with their descriptor prebuilt (scripts/proto-descriptor.mjs)
// instead of protobuf-es's fileDesc(base64). It must describe exactly what fileDesc describes, and
// decode and re-encode every blob the same.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fromBinary, toBinary, type DescEnum, type DescFile, type DescMessage} from '@bufbuild/protobuf';
import {describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM build script without types
import {descriptorLiteral, embeddedDescriptor, withPrebuiltDescriptor} from '../../scripts/proto-descriptor.mjs';
import {openCollection} from '../../source/core/collection/open.js';
import {fileFromProto} from '../../source/core/proto/file-from-proto.js';
import {file_anki_blobs} from '../../source/core/proto/gen/anki_blobs_pb.js';
import {ensureFreshBuild} from '../helpers/built-cli.js';
import {projectRoot} from '../helpers/shared.js';

const generated = readFileSync(path.join(projectRoot, 'source', 'core', 'proto', 'gen', 'anki_blobs_pb.ts'), 'utf8');
const prebuilt: DescFile = fileFromProto((0, eval)(descriptorLiteral(embeddedDescriptor(generated)) as string));

type Desc = {kind: string; name?: string; typeName?: string};
const isDesc = (value: unknown): value is Desc => typeof value === 'object' && value !== null && typeof (value as Desc).kind === 'string';
const reference = (desc: Desc) => desc.typeName ?? `${desc.kind}:${desc.name}`;

/** A descriptor's own values, with the descriptors it points to by name (they form cycles). */
function flat(desc: object): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(desc)) {
		if (key === 'parent' || key === 'file' || key === 'proto' || typeof value === 'function') continue;
		if (isDesc(value)) out[key] = reference(value);
		else if (Array.isArray(value)) out[key] = value.map((item: unknown) => (isDesc(item) ? reference(item) : item));
		else if (typeof value === 'object' && value !== null) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isDesc(v) ? reference(v) : v]));
		else out[key] = value;
	}
	const withDefault = desc as {getDefaultValue?: () => unknown};
	if (typeof withDefault.getDefaultValue === 'function') out['default'] = withDefault.getDefaultValue();
	return out;
}

function describeEnum(desc: DescEnum): unknown {
	return {...flat(desc), values: desc.values.map(flat)};
}

function describeMessage(desc: DescMessage): unknown {
	return {...flat(desc), fields: desc.fields.map(flat), oneofs: desc.oneofs.map(flat), nested: desc.nestedMessages.map(describeMessage), nestedEnums: desc.nestedEnums.map(describeEnum)};
}

function describeFile(file: DescFile): unknown {
	return {...flat(file), messages: file.messages.map(describeMessage), enums: file.enums.map(describeEnum)};
}

function messageNamed(file: DescFile, typeName: string): DescMessage {
	const all = (list: DescMessage[]): DescMessage[] => list.flatMap((m) => [m, ...all(m.nestedMessages)]);
	const found = all(file.messages).find((m) => m.typeName === typeName);
	if (!found) throw new Error(`no ${typeName}`);
	return found;
}

describe('the prebuilt blob descriptor', () => {
	it('describes every message, field, oneof and enum as fileDesc does', () => {
		expect(prebuilt.messages.length).toBeGreaterThan(5);
		expect(describeFile(prebuilt)).toEqual(describeFile(file_anki_blobs));
	});

	it('decodes and re-encodes the blobs of a schema-18 collection as fileDesc does', () => {
		const col = openCollection(path.join(projectRoot, 'fixtures', 'schema18.anki2'), {readOnly: true});
		const db = col.db;
		const tables: Array<[string, string]> = [
			['SELECT common FROM decks', 'DeckCommon'],
			['SELECT kind FROM decks', 'DeckKindContainer'],
			['SELECT config FROM deck_config', 'DeckConfigConfig'],
			['SELECT config FROM notetypes', 'NotetypeConfig'],
			['SELECT config FROM fields', 'FieldConfig'],
			['SELECT config FROM templates', 'TemplateConfig'],
		];
		let blobs = 0;
		for (const [sql, name] of tables) {
			const original = messageNamed(file_anki_blobs, `ankitui.blobs.${name}`);
			const rebuilt = messageNamed(prebuilt, `ankitui.blobs.${name}`);
			for (const [blob] of db.prepare(sql).raw().all() as Array<[Uint8Array]>) {
				const viaOriginal = fromBinary(original, blob);
				const viaPrebuilt = fromBinary(rebuilt, blob);
				expect(viaPrebuilt).toEqual(viaOriginal);
				expect(toBinary(rebuilt, viaPrebuilt)).toEqual(toBinary(original, viaOriginal));
				blobs++;
			}
		}
		col.close();
		expect(blobs).toBeGreaterThan(10);
	});

	it('replaces the one fileDesc call of the generated schemas, and the built scripts never boot descriptor.proto', () => {
		const replaced = withPrebuiltDescriptor(generated) as string;
		expect(replaced).not.toMatch(/fileDesc\("/);
		expect(replaced).toContain('fileFromProto((() => {');
		ensureFreshBuild();
		for (const script of ['cli', 'cli-paint', 'cli-decks', 'cli-search', 'cli-show', 'cli-stats']) {
			const source = readFileSync(path.join(projectRoot, 'dist', `${script}.cjs`), 'latin1');
			expect(source).toContain('fileFromProto(');
			// protobuf-es's descriptor.proto, which fileDesc needs to decode a base64 descriptor.
			expect(source).not.toContain('bootFieldDescriptorProto');
		}
	});
});
