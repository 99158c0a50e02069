#!/usr/bin/env node
// CommonJS (bin/package.json says so), like dist/launch.cjs: Node starts it without its ES module
// loader, which would cost every start about 20 ms of CPU.
require('../dist/launch.cjs').main();
