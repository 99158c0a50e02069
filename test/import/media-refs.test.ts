import {describe, expect, it} from 'vitest';
import {hashSuffixedName, MediaPlan, rewriteMediaRefs} from '../../source/core/package/merge-media.js';

function plan(entries: Record<string, string>): MediaPlan {
	const p = new MediaPlan();
	for (const [source, target] of Object.entries(entries)) {
		p.byName.set(source, {source, target, copy: true, isStatic: false, renamed: source !== target, used: false});
	}
	return p;
}

describe('hashSuffixedName', () => {
	it('puts the hash before the extension, as Anki names renamed media', () => {
		const hash = 'a'.repeat(40);
		expect(hashSuffixedName('cat.jpg', hash)).toBe(`cat-${hash}.jpg`);
		expect(hashSuffixedName('archive.tar.gz', hash)).toBe(`archive.tar-${hash}.gz`);
		expect(Buffer.byteLength(hashSuffixedName(`${'x'.repeat(200)}.png`, hash))).toBeLessThanOrEqual(120);
	});
});

describe('rewriteMediaRefs', () => {
	it('rewrites renamed files in img/audio/object tags and sound tags, and marks them used', () => {
		const p = plan({'a.png': 'a-1.png', 'b c.mp3': 'b c-2.mp3', 'same.jpg': 'same.jpg', 'x&y.png': 'x&y-3.png'});
		const field = '<img src="a.png"> <img class=x src=a.png> [sound:b c.mp3] <img src="same.jpg"> <img src="x&amp;y.png"> <object data="a.png"></object> <img src="https://e.org/a.png">';
		expect(rewriteMediaRefs(field, p)).toBe(
			'<img src="a-1.png"> <img class=x src="a-1.png"> [sound:b c-2.mp3] <img src="same.jpg"> <img src="x&amp;y-3.png"> <object data="a-1.png"></object> <img src="https://e.org/a.png">',
		);
		expect([...p.byName.values()].every(m => m.used)).toBe(true);
		expect(p.toCopy().map(m => m.target).sort()).toEqual(['a-1.png', 'b c-2.mp3', 'same.jpg', 'x&y-3.png']);
	});

	it('leaves fields without known media alone and copies only what notes use', () => {
		const p = plan({'unused.png': 'unused.png'});
		expect(rewriteMediaRefs('<b>plain</b> [sound:other.mp3]', p)).toBe('<b>plain</b> [sound:other.mp3]');
		expect(p.toCopy()).toEqual([]);
	});
});
