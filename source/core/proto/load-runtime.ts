// The protobuf runtime on first use. Here (tests, tsx) it is a plain import; the bundle replaces
// this file with `require('./runtime.ts')` on the first call (lazyProtoRuntime in
// scripts/bundle-patches.mjs), so a run that never touches a blob never builds the schemas.
import * as runtime from './runtime.js';

export const protoRuntime = (): typeof runtime => runtime;
