// What import('sharp') loads in the built CLI (scripts/build.mjs): sharp's JavaScript bundled into
// dist/image-library.cjs (scripts/image-library.cjs), compiled with V8's code cache as the CLI itself
// is (launch.ts), so the first card image compiles almost nothing. Under tsx and in tests, 'sharp'
// is the package.
import {fileURLToPath} from 'node:url';
import type Sharp from 'sharp';
import {launchCached} from './launch.js';

// In the bundle, import.meta.url is the CLI script's (dist/cli.cjs or dist/cli-NAME.cjs).
const sharp = launchCached(fileURLToPath(new URL('./image-library.cjs', import.meta.url)), 'image-library').exports as typeof Sharp;
export default sharp;
