// The bundle's stand-in for protobuf-es's fileDesc(base64) (scripts/proto-descriptor.mjs): the
// descriptor arrives already decoded, so only the registry is built, as fileDesc builds it.
import {createFileRegistry, type DescFile} from '@bufbuild/protobuf';
import type {FileDescriptorProto} from '@bufbuild/protobuf/wkt';

export function fileFromProto(proto: FileDescriptorProto): DescFile {
	// fileDesc's own steps after decoding: dependencies by name (Anki's blobs have none), the registry.
	const file = createFileRegistry(proto, () => undefined).getFile(proto.name);
	if (file === undefined) throw new Error(`protobuf registry without ${proto.name}`);
	return file;
}
