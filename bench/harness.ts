// Shared helpers of the benchmark scripts.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

export const log = (message: string) => process.stderr.write(`${message}\n`);

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs the flow CLI and returns its --json summary. */
export function flow(command: string[]): Record<string, any> {
  const result = spawnSync(process.execPath, ['bin/flow.js', ...command, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`flow ${command.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

export const mb = (file: string) => statSync(file).size / 1e6;
