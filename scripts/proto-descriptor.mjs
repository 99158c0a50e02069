// Anki's blob schemas (source/core/proto/gen/anki_blobs_pb.ts) describe themselves with
// `fileDesc("<base64>")`: at the first blob read, protobuf-es boots descriptor.proto and decodes
// that base64 FileDescriptorProto with its reflection code, about 20-25 ms of CPU on a 2-core VM
// before a schema-18 deck list can be counted. The bundle (scripts/build.mjs) instead carries the
// decoded descriptor as an object literal, made here at build time by protobuf-es itself, and hands
// it to protobuf-es's createFileRegistry (source/core/proto/file-from-proto.ts): the same registry,
// without descriptor.proto. Tests and tsx keep the generated fileDesc call.
import {readFileSync} from 'node:fs';
import {fileDesc} from '@bufbuild/protobuf/codegenv2';

const FILE_DESC_CALL = /fileDesc\("([A-Za-z0-9+/=]+)"\)/;

/** The base64 descriptor in a protoc-gen-es file, or undefined. */
export function embeddedDescriptor(source) {
	return FILE_DESC_CALL.exec(source)?.[1];
}

/**
 * JavaScript for the FileDescriptorProto protobuf-es makes of `base64` (what fileDesc passes to
 * createFileRegistry): each message as an object with its own fields over a prototype of its
 * type's defaults, as protobuf-es makes proto2 messages, so presence reads the same.
 */
export function descriptorLiteral(base64) {
	const proto = fileDesc(base64).proto;
	const defaults = new Map();
	const write = (value) => {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
		if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
		if (value !== null && typeof value === 'object' && typeof value.$typeName === 'string') {
			const prototype = Object.getPrototypeOf(value);
			if (!defaults.has(value.$typeName)) defaults.set(value.$typeName, writePlain(prototype));
			const own = Object.keys(value).filter((key) => key !== '$typeName' && value[key] !== undefined);
			return `m(${JSON.stringify(value.$typeName)},{${own.map((key) => `${JSON.stringify(key)}:${write(value[key])}`).join(',')}})`;
		}
		throw new Error(`proto-descriptor: cannot write ${typeof value} ${String(value)} (a new kind of descriptor field: extend descriptorLiteral)`);
	};
	const writePlain = (object) => {
		if (Object.getPrototypeOf(object) !== Object.prototype) throw new Error('proto-descriptor: a message prototype with a prototype of its own');
		return `{${Object.keys(object).map((key) => `${JSON.stringify(key)}:${write(object[key])}`).join(',')}}`;
	};
	const body = write(proto);
	const table = [...defaults].map(([name, plain]) => `${JSON.stringify(name)}:${plain}`).join(',');
	return `(() => {const d = {${table}}; const m = (t, o) => Object.assign(Object.create(d[t]), {$typeName: t}, o); return ${body};})()`;
}

/** The generated schema module with its fileDesc call replaced by the prebuilt descriptor. */
export function withPrebuiltDescriptor(source) {
	const base64 = embeddedDescriptor(source);
	if (base64 === undefined) throw new Error('proto-descriptor: no fileDesc("...") call in the generated schemas');
	return `import {fileFromProto} from '../file-from-proto.js';\n${source.replace(FILE_DESC_CALL, () => `fileFromProto(${descriptorLiteral(base64)})`)}`;
}

// The generated schemas (protoc-gen-es) in the bundle, with the descriptor prebuilt.
export const prebuiltProtoDescriptor = {
	name: 'prebuilt-proto-descriptor',
	setup(build) {
		build.onLoad({filter: /[\\/]source[\\/]core[\\/]proto[\\/]gen[\\/][a-z_]+_pb\.ts$/}, (args) => ({
			contents: withPrebuiltDescriptor(readFileSync(args.path, 'utf8')),
			loader: 'ts',
		}));
	},
};
