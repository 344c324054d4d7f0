/**
 * `waypoint serve` as a real child process on a PGlite data folder (tests of the data-folder lock) or
 * on a PostgreSQL database (several servers on one database): started, signed in over HTTP, paused,
 * killed or stopped like an operator would.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/waypoint.js');

export interface ServerProcess {
  readonly proc: ChildProcess;
  readonly base: string;
  readonly exited: Promise<number | null>;
  output(): string;
  /** SIGTERM (a clean stop) and wait; SIGKILL after 30 s. */
  stop(): Promise<number | null>;
}

export const folderEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  WAYPOINT_DATA_DIR: dataDir,
  DATABASE_URL: '',
  WAYPOINT_SCHEDULER: 'off',
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  ...extra,
});

/** Starts `waypoint serve` on the folder and resolves once it listens (rejects if it stops first). */
export async function startServerProcess(dataDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerWith(folderEnv(dataDir, { LOG_LEVEL: 'info', ...env }), args);
}

/** `waypoint serve` on a PostgreSQL database (DATABASE_URL): one of several servers sharing it. */
export function startPostgresServerProcess(url: string, args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerWith({ ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, args);
}

async function startServerWith(env: NodeJS.ProcessEnv, args: string[]): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (found) return resolve(found[1]!);
      if (proc.exitCode !== null || proc.signalCode !== null) return reject(new Error(`the server stopped: ${output}`));
      setTimeout(look, 25);
    };
    look();
  });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
    const guard = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.kill('SIGCONT');
    proc.kill('SIGTERM');
    const code = await exited;
    clearTimeout(guard);
    return code;
  };
  return { proc, base, exited, output: () => output, stop };
}

/** Signs in over HTTP; the cookie header to send with later requests. */
export async function signInOverHttp(base: string, username: string, password: string): Promise<string> {
  const session = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (session.status !== 200) throw new Error(`sign-in as ${username}: ${session.status} ${await session.text()}`);
  return session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Runs the CLI on the folder; its exit code and output (never throws). */
export function runCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: folderEnv(dataDir, env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
