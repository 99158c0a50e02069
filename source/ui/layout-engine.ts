// Ink lays frames out with yoga's WebAssembly engine. In the bundle, the engine compiles in the
// background from the moment the UI's modules load (scripts/bundle-patches.mjs, patchYoga), so that
// it overlaps with opening the collection; anything that renders with Ink awaits this first. From
// source (the tests), yoga is ready as soon as ink is imported and this resolves at once.
export async function layoutEngineReady(): Promise<void> {
	await (globalThis as Record<symbol, Promise<void> | undefined>)[Symbol.for('anki-tui.yoga')];
}
