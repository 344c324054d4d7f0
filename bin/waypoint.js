#!/usr/bin/env node
// The `waypoint` command (npx waypoint ...): runs the built CLI (dist/server/main.js), building it
// first when its sources changed since the last build (scripts/build.js).
import { ensureBuilt } from '../scripts/build.js';

await ensureBuilt(['server']);
await import('../dist/server/main.js');
