// Images the project makes for its own tests and benchmarks: every format decks carry, written by
// sharp from synthetic pixels (deterministic), a few hostile files, and a collection whose deck
// "Images" holds a photo card, an Image Occlusion card (Anki's notetype) and an Image Occlusion
// Enhanced card. Built at test time in a temp folder; nothing here is copied from elsewhere.
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {crc32} from 'node:zlib';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A "photo": smooth gradients, a few discs and mild noise (noise keeps PNG from compressing unrealistically well). */
export function photoPixels(width: number, height: number): Buffer {
	const rgb = Buffer.alloc(width * height * 3);
	let seed = 12345;
	const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) % 17;
	const discs = [
		{x: 0.3, y: 0.4, r: 0.18, c: [220, 60, 50]},
		{x: 0.7, y: 0.6, r: 0.22, c: [40, 160, 90]},
		{x: 0.55, y: 0.25, r: 0.1, c: [250, 210, 60]},
	];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let c = [Math.round((x / width) * 120 + 60), Math.round((y / height) * 100 + 80), 200 - Math.round((x / width) * 80)];
			for (const d of discs) {
				if ((x / width - d.x) ** 2 + ((y / height - d.y) * (height / width)) ** 2 < d.r ** 2) c = d.c;
			}
			const o = (y * width + x) * 3;
			rgb[o] = Math.min(255, c[0]! + noise());
			rgb[o + 1] = Math.min(255, c[1]! + noise());
			rgb[o + 2] = Math.min(255, c[2]! + noise());
		}
	}
	return rgb;
}

/** Left half `left`, right half `right`: orientation and first-frame checks read the colours back. */
function halves(width: number, height: number, left: [number, number, number], right: [number, number, number]): Buffer {
	const rgb = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(x < width / 2 ? left : right, (y * width + x) * 3);
	return rgb;
}

const raw = (data: Buffer, width: number, height: number, extra: {pageHeight?: number} = {}) => sharp(data, {raw: {width, height, channels: 3, ...extra}});

export const red: [number, number, number] = [230, 30, 30];
export const blue: [number, number, number] = [30, 30, 230];

export interface ImageFiles {
	[name: string]: Buffer;
}

/** One file per format and variant, named for what it exercises. */
export async function makeImageFiles(): Promise<ImageFiles> {
	const photo = photoPixels(1000, 800);
	const small = photoPixels(120, 80);
	const twoFrames = Buffer.concat([halves(40, 20, red, [255, 255, 255]), halves(40, 20, blue, blue)]);
	const png = await raw(small, 120, 80).png().toBuffer();
	return {
		'photo.jpg': await raw(photo, 1000, 800).jpeg({quality: 85}).toBuffer(),
		// 200x100 stored, EXIF orientation 6 (rotate 90° clockwise to show): 100x200 upright, red on top.
		'rotated.jpg': await raw(halves(200, 100, red, blue), 200, 100).jpeg({quality: 90}).withMetadata({orientation: 6}).toBuffer(),
		'plain.png': png,
		'interlaced.png': await raw(small, 120, 80).png({progressive: true}).toBuffer(),
		'palette.png': await raw(small, 120, 80).png({palette: true, colours: 16}).toBuffer(),
		'deep.png': await raw(small, 120, 80).toColourspace('rgb16').png().toBuffer(),
		// Two frames: red|white, then blue; only the first is shown.
		'frames.gif': await raw(twoFrames, 40, 40, {pageHeight: 20}).gif({loop: 0, delay: [500, 500]}).toBuffer(),
		'picture.webp': await raw(small, 120, 80).webp({quality: 80}).toBuffer(),
		'picture.avif': await raw(small, 120, 80).avif({quality: 60, effort: 0}).toBuffer(),
		'drawing.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#1e1ee6"/><circle cx="30" cy="30" r="20" fill="#e61e1e"/></svg>'),
		// Hostile and broken files.
		'huge.png': claimSize(png, 20000, 20000),
		'truncated.jpg': (await raw(photo, 1000, 800).jpeg().toBuffer()).subarray(0, 4000),
		'not-an-image.png': Buffer.from('this is text pretending to be a picture\n'.repeat(20)),
		'entities.svg': Buffer.from(
			'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>' +
				'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text y="50">&g;</text></svg>',
		),
		// Tries to pull a file from outside the media folder into the picture.
		'outside.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"><rect width="40" height="40" fill="#ffffff"/><image href="file:///etc/hostname" xlink:href="../secret.png" width="40" height="40"/></svg>'),
	};
}

/** A PNG whose header claims another size (a decompression bomb's first line). */
function claimSize(png: Buffer, width: number, height: number): Buffer {
	const out = Buffer.from(png);
	out.writeUInt32BE(width, 16);
	out.writeUInt32BE(height, 20);
	out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
	return out;
}

// --- A collection with image cards -------------------------------------------------------------

// Anki's Image Occlusion notetype (rslib image_occlusion/notetype.rs and notetype.css).
export const ioFront = `{{#Header}}<div>{{Header}}</div>{{/Header}}
<div style="display: none">{{cloze:Occlusion}}</div>
<div id="err"></div>
<div id="image-occlusion-container">
    {{Image}}
    <canvas id="image-occlusion-canvas"></canvas>
</div>
<script>
try {
    anki.imageOcclusion.setup();
} catch (exc) {
    document.getElementById("err").innerHTML = \`Error loading image occlusion. Is your Anki version up to date?<br><br>\${exc}\`;
}
</script>
`;
export const ioBack = `${ioFront}
<div><button id="toggle">Toggle Masks</button></div>
{{#Back Extra}}<div>{{Back Extra}}</div>{{/Back Extra}}
`;
const ioCss = `#image-occlusion-canvas {
    --inactive-shape-color: #ffeba2;
    --active-shape-color: #ff8e8e;
    --inactive-shape-border: 1px #212121;
    --active-shape-border: 1px #212121;
    --highlight-shape-color: #ff8e8e00;
    --highlight-shape-border: 1px #ff8e8e;
}

.card {
    font-family: arial;
    font-size: 20px;
    text-align: center;
    color: black;
    background-color: white;
}
`;
// The Image Occlusion Enhanced add-on's card (template.py): the mask over the original.
const ioeFront = '{{#Image}}<div id="io-header">{{Header}}</div><div id="io-wrapper"><div id="io-overlay">{{Question Mask}}</div><div id="io-original">{{Image}}</div></div><div id="io-footer">{{Footer}}</div>{{/Image}}';
const ioeBack = '{{#Image}}<div id="io-header">{{Header}}</div><div id="io-wrapper"><div id="io-overlay">{{Answer Mask}}</div><div id="io-original">{{Image}}</div></div>{{#Footer}}<div id="io-footer">{{Footer}}</div>{{/Footer}}{{/Image}}';

/** Mask shapes of the occlusion card: three areas of the diagram, "Hide All, Guess One". */
export const occlusionShapesField = [
	'{{c1::image-occlusion:rect:left=.05:top=.1:width=.25:height=.3:oi=1}}',
	'{{c2::image-occlusion:ellipse:left=.4:top=.45:rx=.12:ry=.2:oi=1}}',
	'{{c3::image-occlusion:polygon:left=.7:top=.1:points=.7,.1 .95,.1 .82,.5:oi=1}}',
].join('<br>');

export interface ImageCollection {
	file: string;
	mediaDir: string;
	deckName: string;
	files: ImageFiles;
}

/** The demo collection plus a deck "Images" of a photo card, an occlusion card (3 cards) and an IOE card, with their media. */
export async function makeImageCollection(dir: string): Promise<ImageCollection> {
	mkdirSync(dir, {recursive: true});
	const file = path.join(dir, 'collection.anki2');
	copyFileSync(path.join(root, 'fixtures', 'schema11.anki2'), file);
	const mediaDir = path.join(dir, 'collection.media');
	mkdirSync(mediaDir, {recursive: true});
	const files = await makeImageFiles();
	const diagram = await raw(photoPixels(600, 400), 600, 400).png().toBuffer();
	files['diagram.png'] = diagram;
	files['0a1b-ao-2-Q.svg'] = Buffer.from(
		'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><g><rect x="30" y="40" width="150" height="120" fill="#FFEBA2" stroke="#2D2D2D" stroke-width="3"/><rect class="qshape" x="300" y="200" width="200" height="150" fill="#FF7E7E" stroke="#2D2D2D" stroke-width="3"/></g></svg>',
	);
	files['0a1b-ao-2-A.svg'] = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><g><rect x="30" y="40" width="150" height="120" fill="#FFEBA2" stroke="#2D2D2D" stroke-width="3"/></g></svg>');
	for (const [name, data] of Object.entries(files)) writeFileSync(path.join(mediaDir, name), data);

	const db = new Database(file);
	try {
		const col = db.prepare('SELECT models, decks, crt FROM col').get() as {models: string; decks: string; crt: number};
		const models = JSON.parse(col.models) as Record<string, Record<string, unknown>>;
		const decks = JSON.parse(col.decks) as Record<string, Record<string, unknown>>;
		const cloze = Object.values(models).find((m) => m.name === 'Cloze')!;
		const basic = Object.values(models).find((m) => m.name === 'Basic')!;
		const deckId = 1767603600900;
		decks[String(deckId)] = {...decks['1767603600101'], id: deckId, name: 'Images'};
		const field = (name: string, ord: number) => ({...(cloze.flds as Array<Record<string, unknown>>)[0], name, ord});
		const ioId = 1767603600910;
		models[String(ioId)] = {
			...cloze,
			id: ioId,
			name: 'Image Occlusion',
			originalStockKind: 6,
			css: ioCss,
			flds: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'].map(field),
			tmpls: [{...(cloze.tmpls as Array<Record<string, unknown>>)[0], name: 'Image Occlusion', qfmt: ioFront, afmt: ioBack}],
		};
		const ioeId = 1767603600911;
		const ioeFields = ['ID (hidden)', 'Header', 'Image', 'Question Mask', 'Footer', 'Remarks', 'Sources', 'Extra 1', 'Extra 2', 'Answer Mask', 'Original Mask'];
		models[String(ioeId)] = {
			...basic,
			id: ioeId,
			name: 'Image Occlusion Enhanced',
			flds: ioeFields.map(field),
			tmpls: [{...(basic.tmpls as Array<Record<string, unknown>>)[0], name: 'IO Card', qfmt: ioeFront, afmt: ioeBack}],
			req: [[0, 'any', [2]]],
		};
		db.prepare('UPDATE col SET models = ?, decks = ?').run(JSON.stringify(models), JSON.stringify(decks));
		const notes: Array<{mid: number; fields: string[]; ords: number[]}> = [
			{mid: Number(basic.id), fields: ['What is in this photo?<br><img src="photo.jpg">', 'Three discs on a gradient'], ords: [0]},
			{mid: ioId, fields: [occlusionShapesField, '<img src="diagram.png">', 'Parts of the diagram', 'Three parts', ''], ords: [0, 1, 2]},
			{mid: ioeId, fields: ['0a1b-ao-2', 'Enhanced occlusion', '<img src="diagram.png">', '<img src="0a1b-ao-2-Q.svg">', '', '', '', '', '', '<img src="0a1b-ao-2-A.svg">', ''], ords: [0]},
		];
		const insertNote = db.prepare('INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, -1, \'\', ?, ?, 0, 0, \'\')');
		const insertCard = db.prepare('INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, \'\')');
		let due = 1;
		notes.forEach((note, i) => {
			const nid = 1767603700000 + i * 1000;
			insertNote.run(nid, `images${i}`, note.mid, col.crt, note.fields.join('\u001f'), note.fields[0]!.replace(/<[^>]*>/g, ''));
			for (const ord of note.ords) insertCard.run(nid + 500 + ord, nid, deckId, ord, col.crt, due++);
		});
	} finally {
		db.close();
	}
	return {file, mediaDir, deckName: 'Images', files};
}
