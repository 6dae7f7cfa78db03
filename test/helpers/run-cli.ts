import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binPath = new URL('../../bin/broadsheet', import.meta.url).pathname;

export function tempDatabaseUrl(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'broadsheet-cli-')), 'test.db')}`;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin (compiled by `npm test`'s pretest build) and collects its output. */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { env: { ...process.env, BROADSHEET_LOG_LEVEL: 'warn', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Starts a long-running command and resolves once its stdout contains `readyText`. */
export function startCli(args: string[], env: Record<string, string>, readyText: string): Promise<{ child: ChildProcess; stdout: () => string; stopped: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { env: { ...process.env, BROADSHEET_LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    const stopped = new Promise<number | null>((r) => child.on('close', r));
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (stdout.includes(readyText)) resolve({ child, stdout: () => stdout, stopped });
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    stopped.then((code) => reject(new Error(`exited ${code} before ready: ${stderr}`)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
