import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/flow.js', import.meta.url));

export interface FlowResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI in a child process. */
export function runFlow(args: string[], cwd = repoRoot): FlowResult {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The source of a pipeline file that imports flow by absolute path (usable from a temp directory). */
export function pipelineSource(body: string): string {
  return `import { csv, dropNulls, fillNulls, minMaxScale, parquet, pipeline, select, standardScale } from ${JSON.stringify(`${repoRoot}src/index.ts`)};\n${body}\n`;
}
