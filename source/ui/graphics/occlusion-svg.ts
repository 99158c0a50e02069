// Anki's Image Occlusion masks as an SVG layer of the output's exact pixel size, composited onto
// the image before it is encoded for any terminal. Drawn as the reviewer's drawShapes does
// (ts/routes/image-occlusion/review.ts): asked shapes first in the active colour, other cards'
// shapes (oi=1 only) in the inactive colour or their own, then the answer's highlight outline;
// borders are output pixels wide, as Anki's canvas borders are device pixels wide.
import {drawnShapes, type OcclusionColors, type OcclusionShape} from '../../core/render/index.js';

// ts/routes/image-occlusion/tools/lib.ts
const textBackground = '#ffffff';
const textPadding = 5;
const defaultFontSize = 40;

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `#rrggbbaa` as a colour and an opacity (librsvg's older releases read only 6-digit colours). */
function paint(color: string, kind: 'fill' | 'stroke'): string {
	const m = /^#([0-9a-f]{6})([0-9a-f]{2})$/i.exec(color.trim());
	if (m) return `${kind}="#${m[1]}" ${kind}-opacity="${(Number.parseInt(m[2]!, 16) / 255).toFixed(3)}"`;
	return `${kind}="${escapeXml(color.trim())}"`;
}

function shapeSvg(shape: OcclusionShape, width: number, height: number, fill: string, stroke: {width: number; color: string}): string {
	const x = (v: number) => Math.round(v * width);
	const y = (v: number) => Math.round(v * height);
	const left = x(shape.left);
	const top = y(shape.top);
	const rotate = shape.angle ? ` transform="rotate(${shape.angle} ${left} ${top})"` : '';
	const strokeAttrs = stroke.width > 0 ? ` ${paint(stroke.color, 'stroke')} stroke-width="${stroke.width}"` : '';
	const look = `${paint(fill, 'fill')}${strokeAttrs}`;
	switch (shape.kind) {
		case 'rect':
			return `<rect x="${left}" y="${top}" width="${x(shape.width)}" height="${y(shape.height)}" ${look}${rotate}/>`;
		case 'ellipse': {
			const rx = x(shape.rx);
			const ry = y(shape.ry);
			return `<ellipse cx="${left + rx}" cy="${top + ry}" rx="${rx}" ry="${ry}" ${look}${rotate}/>`;
		}
		case 'polygon': {
			// The points are moved so their bounding box's corner lands on (left, top).
			const points = shape.points.map(([px, py]) => [x(px), y(py)] as const);
			const dx = left - Math.min(...points.map((p) => p[0]));
			const dy = top - Math.min(...points.map((p) => p[1]));
			return `<polygon points="${points.map(([px, py]) => `${px + dx},${py + dy}`).join(' ')}" ${look}/>`;
		}
		case 'text': {
			const size = shape.fontSize > 0 ? shape.fontSize * height : defaultFontSize;
			const lines = shape.text.split('\n');
			// Canvas measureText is not available here: Arial averages ~0.55 em per character and
			// its "M" is ~0.7 em tall (line height is 1.5 x that in review.ts).
			const lineHeight = 1.5 * 0.7 * size;
			const boxWidth = Math.max(...lines.map((l) => l.length)) * 0.55 * size + textPadding;
			const boxHeight = lines.length * lineHeight + textPadding;
			const scale = shape.scale > 0 ? shape.scale : 1;
			const text = lines
				.map((l, i) => `<text x="0" y="${(i * lineHeight + 0.8 * size).toFixed(1)}" font-family="Arial, Helvetica, sans-serif" font-size="${size.toFixed(1)}" ${paint(shape.fill ?? '#000000', 'fill')}>${escapeXml(l)}</text>`)
				.join('');
			const turn = shape.angle ? ` rotate(${shape.angle})` : '';
			return `<g transform="translate(${left} ${top})${turn} scale(${scale})"><rect x="0" y="0" width="${boxWidth.toFixed(1)}" height="${boxHeight.toFixed(1)}" fill="${textBackground}"/>${text}</g>`;
		}
	}
}

/** The masks of one side as an SVG document exactly `width` x `height` pixels. */
export function occlusionSvg(shapes: readonly OcclusionShape[], colors: OcclusionColors, width: number, height: number): string {
	const drawn = drawnShapes(shapes);
	const parts: string[] = [];
	for (const s of drawn.filter((d) => d.state === 'active')) parts.push(shapeSvg(s, width, height, colors.active, colors.activeBorder));
	for (const s of drawn.filter((d) => d.state === 'inactive')) parts.push(shapeSvg(s, width, height, s.fill ?? colors.inactive, colors.inactiveBorder));
	for (const s of drawn.filter((d) => d.state === 'highlight')) parts.push(shapeSvg(s, width, height, colors.highlight, colors.highlightBorder));
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">${parts.join('')}</svg>`;
}
