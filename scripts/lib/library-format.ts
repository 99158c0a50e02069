// Reads what a loader needs to know about a shared library, from its bytes: the file format, the
// machine it runs on, the symbols it exports and the libraries it depends on. Enough of ELF
// (Linux), Mach-O (macOS) and PE (Windows) to check the prebuilt unicase extensions without any
// platform tools; used by scripts/build-prebuilt.ts and the tests.

export type LibraryFormat = 'elf' | 'macho' | 'pe';
export type Machine = 'x64' | 'arm64' | `unknown(${number})`;

export interface LibraryInfo {
	format: LibraryFormat;
	machine: Machine;
	/** A shared library (ELF ET_DYN, Mach-O MH_DYLIB, PE with the DLL flag). */
	shared: boolean;
	/** Exported symbol names as the platform's dlsym sees them (Mach-O's leading `_` removed). */
	exports: string[];
	/** Libraries it needs at load time (DT_NEEDED, LC_LOAD_DYLIB, imported DLLs). */
	needs: string[];
	/** Mach-O only: it carries a code signature (arm64 macOS refuses unsigned code). */
	codeSigned?: boolean;
	/** Mach-O only: the oldest macOS version it declares (LC_BUILD_VERSION minos), e.g. "11.0". */
	minOs?: string;
}

class Reader {
	constructor(readonly bytes: Buffer) {}

	check(offset: number, length: number, what: string): void {
		if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
			throw new Error(`truncated library: ${what} at ${offset} runs past the end (${this.bytes.length} bytes)`);
		}
	}

	u8(offset: number): number {
		this.check(offset, 1, 'byte');
		return this.bytes.readUInt8(offset);
	}

	u16(offset: number): number {
		this.check(offset, 2, 'u16');
		return this.bytes.readUInt16LE(offset);
	}

	u32(offset: number): number {
		this.check(offset, 4, 'u32');
		return this.bytes.readUInt32LE(offset);
	}

	u64(offset: number): number {
		this.check(offset, 8, 'u64');
		return Number(this.bytes.readBigUInt64LE(offset));
	}

	cString(offset: number): string {
		this.check(offset, 1, 'string');
		const end = this.bytes.indexOf(0, offset);
		if (end < 0) throw new Error(`truncated library: string at ${offset} has no terminator`);
		return this.bytes.toString('latin1', offset, end);
	}

	uleb(offset: number): {value: number; next: number} {
		let value = 0;
		let shift = 0;
		for (let at = offset; ; at++) {
			const byte = this.u8(at);
			value += (byte & 0x7f) * 2 ** shift;
			shift += 7;
			if ((byte & 0x80) === 0) return {value, next: at + 1};
			if (shift > 63) throw new Error(`bad ULEB128 at ${offset}`);
		}
	}
}

function machineOf(code: number, x64: number, arm64: number): Machine {
	return code === x64 ? 'x64' : code === arm64 ? 'arm64' : `unknown(${code})`;
}

// ELF64 little-endian: section headers give .dynsym (exports) and .dynamic (DT_NEEDED).
function readElf(r: Reader): LibraryInfo {
	if (r.u8(4) !== 2 || r.u8(5) !== 1) throw new Error('only 64-bit little-endian ELF is supported');
	const type = r.u16(16);
	const machine = machineOf(r.u16(18), 62, 183);
	const shoff = r.u64(0x28);
	const shentsize = r.u16(0x3a);
	const shnum = r.u16(0x3c);
	const sections = Array.from({length: shnum}, (_, i) => {
		const at = shoff + i * shentsize;
		return {type: r.u32(at + 4), offset: r.u64(at + 0x18), size: r.u64(at + 0x20), link: r.u32(at + 0x28), entsize: r.u64(at + 0x38)};
	});
	const exports: string[] = [];
	const needs: string[] = [];
	for (const section of sections) {
		const strings = sections[section.link];
		if (section.type === 11 /* SHT_DYNSYM */ && strings) {
			for (let at = section.offset; at < section.offset + section.size; at += section.entsize || 24) {
				const info = r.u8(at + 4);
				const visibility = r.u8(at + 5) & 3;
				const defined = r.u16(at + 6) !== 0;
				const binding = info >> 4; // 1 GLOBAL, 2 WEAK
				if (defined && (binding === 1 || binding === 2) && visibility === 0) exports.push(r.cString(strings.offset + r.u32(at)));
			}
		} else if (section.type === 6 /* SHT_DYNAMIC */ && strings) {
			for (let at = section.offset; at < section.offset + section.size; at += 16) {
				const tag = r.u64(at);
				if (tag === 0) break;
				if (tag === 1 /* DT_NEEDED */) needs.push(r.cString(strings.offset + r.u64(at + 8)));
			}
		}
	}
	return {format: 'elf', machine, shared: type === 3, exports, needs};
}

// Mach-O 64: load commands, then the export trie that dyld's dlsym walks.
function readMachO(r: Reader): LibraryInfo {
	const machine = machineOf(r.u32(4), 0x01000007, 0x0100000c);
	const fileType = r.u32(12);
	const commands = r.u32(16);
	const needs: string[] = [];
	let trie: {offset: number; size: number} | undefined;
	let codeSigned = false;
	let minOs: string | undefined;
	let at = 32;
	for (let i = 0; i < commands; i++) {
		const cmd = r.u32(at);
		const size = r.u32(at + 4);
		if (cmd === 0xc || cmd === 0x80000018 /* LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB */) needs.push(r.cString(at + r.u32(at + 8)));
		else if (cmd === 0x80000022 /* LC_DYLD_INFO_ONLY */) trie = {offset: r.u32(at + 40), size: r.u32(at + 44)};
		else if (cmd === 0x80000033 /* LC_DYLD_EXPORTS_TRIE */) trie = {offset: r.u32(at + 8), size: r.u32(at + 12)};
		else if (cmd === 0x1d /* LC_CODE_SIGNATURE */) codeSigned = r.u32(at + 12) > 0;
		else if (cmd === 0x32 /* LC_BUILD_VERSION */) {
			const v = r.u32(at + 12);
			minOs = `${v >>> 16}.${(v >>> 8) & 0xff}`;
		}
		if (size < 8) throw new Error(`bad Mach-O load command size ${size}`);
		at += size;
	}
	const exports: string[] = [];
	if (trie && trie.size > 0) {
		r.check(trie.offset, trie.size, 'export trie');
		const walk = (node: number, prefix: string, depth: number): void => {
			if (depth > 128) throw new Error('Mach-O export trie is too deep');
			const terminal = r.uleb(trie!.offset + node);
			if (terminal.value > 0) exports.push(prefix);
			let cursor = terminal.next + terminal.value;
			const children = r.u8(cursor++);
			for (let c = 0; c < children; c++) {
				const edge = r.cString(cursor);
				cursor += Buffer.byteLength(edge, 'latin1') + 1;
				const child = r.uleb(cursor);
				cursor = child.next;
				walk(child.value, prefix + edge, depth + 1);
			}
		};
		walk(0, '', 0);
	}
	return {
		format: 'macho',
		machine,
		shared: fileType === 6,
		exports: exports.map(name => (name.startsWith('_') ? name.slice(1) : name)),
		needs,
		codeSigned,
		...(minOs ? {minOs} : {}),
	};
}

// PE32+: COFF header, section table to map RVAs, export and import directories.
function readPe(r: Reader): LibraryInfo {
	const pe = r.u32(0x3c);
	if (r.u32(pe) !== 0x00004550) throw new Error('MZ file without a PE header');
	const coff = pe + 4;
	const machine = machineOf(r.u16(coff), 0x8664, 0xaa64);
	const sectionCount = r.u16(coff + 2);
	const optionalSize = r.u16(coff + 16);
	const characteristics = r.u16(coff + 18);
	const optional = coff + 20;
	if (r.u16(optional) !== 0x20b) throw new Error('only PE32+ (64-bit) libraries are supported');
	const directoryCount = r.u32(optional + 108);
	const directory = (index: number) =>
		index < directoryCount ? {rva: r.u32(optional + 112 + index * 8), size: r.u32(optional + 116 + index * 8)} : {rva: 0, size: 0};
	const sections = Array.from({length: sectionCount}, (_, i) => {
		const at = optional + optionalSize + i * 40;
		return {virtualSize: r.u32(at + 8), address: r.u32(at + 12), rawSize: r.u32(at + 16), rawOffset: r.u32(at + 20)};
	});
	const offsetOf = (rva: number): number => {
		const section = sections.find(s => rva >= s.address && rva < s.address + Math.max(s.virtualSize, s.rawSize));
		if (!section) throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
		return section.rawOffset + (rva - section.address);
	};
	const exports: string[] = [];
	const exportDir = directory(0);
	if (exportDir.rva !== 0) {
		const at = offsetOf(exportDir.rva);
		const names = r.u32(at + 24);
		const nameTable = offsetOf(r.u32(at + 32));
		for (let i = 0; i < names; i++) exports.push(r.cString(offsetOf(r.u32(nameTable + i * 4))));
	}
	const needs: string[] = [];
	const importDir = directory(1);
	if (importDir.rva !== 0) {
		for (let at = offsetOf(importDir.rva); ; at += 20) {
			const name = r.u32(at + 12);
			if (name === 0) break;
			needs.push(r.cString(offsetOf(name)));
		}
	}
	return {format: 'pe', machine, shared: (characteristics & 0x2000) !== 0, exports, needs};
}

export function inspectLibrary(bytes: Buffer): LibraryInfo {
	const r = new Reader(bytes);
	r.check(0, 4, 'magic');
	if (bytes.readUInt32BE(0) === 0x7f454c46) return readElf(r);
	if (bytes.readUInt32LE(0) === 0xfeedfacf) return readMachO(r);
	if (bytes.readUInt16LE(0) === 0x5a4d) return readPe(r);
	throw new Error(`not a shared library this reader knows (magic ${bytes.subarray(0, 4).toString('hex')})`);
}
