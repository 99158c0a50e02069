#!/usr/bin/env node
import {main} from '../dist/launch.js';

main();
