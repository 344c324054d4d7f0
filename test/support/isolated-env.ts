/**
 * Runs before every test file (vitest `setupFiles`): the file gets its own scratch data and audit
 * folders under the run's temporary folder (global-setup.ts), so nothing a test does reads or writes
 * the working tree's `data/` (where `npm start` keeps the demo's PGlite folder, audit keys and signed
 * checkpoints). Each file has its own: PGlite databases all carry the trail name `postgres`, so two
 * files sharing a checkpoint file would see each other's checkpoints. Settings of the developer's
 * shell that point elsewhere (a database, a key, a checkpoint file) are dropped; tests name their
 * PostgreSQL server with TEST_DATABASE_URL.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

// The audit folder follows the data folder (its default `<data>/audit`), as in production: a test
// that starts a server on a folder of its own gets that folder's own keys and checkpoints.
process.env.WAYPOINT_DATA_DIR = mkdtempSync(path.join(inject('scratchDir'), 'file-'));
delete process.env.WAYPOINT_AUDIT_DIR;
delete process.env.WAYPOINT_AUDIT_KEY;
delete process.env.WAYPOINT_AUDIT_CHECKPOINTS;
delete process.env.DATABASE_URL;
