#!/usr/bin/env node
// The `waypoint` command (npx waypoint ...): runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
