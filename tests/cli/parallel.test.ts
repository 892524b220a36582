import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinaryDataset } from '../../src/gen/binaryDataset.js';
import { pipelineSource, repoRoot, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const data = join(dir, 'binary.csv');
let pipelineFile: string;

beforeAll(async () => {
  await writeBinaryDataset(data, { rows: 5000, seed: 5 });
  // Small batches so that the file is many chunks and workers share them.
  pipelineFile = writeTemp(
    dir,
    pipelineSource(`
const features = Array.from({ length: 16 }, (_, i) => 'f' + i);
export default pipeline(csv('none.csv', { batchSize: 300 }))
  .pipe(dropNulls(features), select([...features, 'target', 'note']), standardScale(features))
  .train({ label: 'target', features, epochs: 1 });`),
    'parallel.pipeline.ts',
  );
});

describe('results do not depend on the number of workers', () => {
  it('flow transform output is byte-identical for 0, 1 and 2 workers', () => {
    const outputs = [0, 1, 2].map((workers) => {
      const out = join(dir, `t${workers}.csv`);
      const result = runFlow(['transform', pipelineFile, '--input', data, '--out', out, '--workers', String(workers), '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      return readFileSync(out);
    });
    expect(outputs[0]!.length).toBeGreaterThan(100_000);
    expect(outputs[1]!.equals(outputs[0]!)).toBe(true);
    expect(outputs[2]!.equals(outputs[0]!)).toBe(true);
  });

  it('fitted statistics are identical, and cpu-backend training gives identical weights', () => {
    const runs = [0, 2].map((workers) => {
      const out = join(dir, `run${workers}`);
      const result = runFlow(['run', pipelineFile, '--input', data, '--out', out, '--workers', String(workers), '--backend', 'cpu', '--json', '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      return { summary: JSON.parse(result.stdout), out };
    });
    expect(runs[0]!.summary.workers).toBe(0);
    expect(runs[1]!.summary.workers).toBe(2);
    const fitted = runs.map((r) => JSON.parse(readFileSync(join(r.out, 'fitted.json'), 'utf8')).stages);
    expect(fitted[1]).toEqual(fitted[0]);
    expect(runs[1]!.summary.epochs).toEqual(runs[0]!.summary.epochs);
    expect(readFileSync(join(runs[1]!.out, 'model', 'weights.bin')).equals(readFileSync(join(runs[0]!.out, 'model', 'weights.bin')))).toBe(true);
  });
});

describe('Ctrl-C', () => {
  /** Starts a run, sends SIGINT once stderr matches `when`, and reports how it ended. */
  function interruptWhen(args: string[], when: RegExp): Promise<{ code: number | null; stderr: string; stopSeconds: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'flow.js'), ...args], { cwd: repoRoot });
      let stderr = '';
      let sentAt = 0;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`never saw ${when} or never stopped:\n${stderr}`));
      }, 60_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (!sentAt && when.test(stderr)) {
          sentAt = performance.now();
          child.kill('SIGINT');
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, stopSeconds: (performance.now() - sentAt) / 1000 });
      });
    });
  }

  // A user operator that slows every batch down, so each phase lasts long enough to interrupt.
  const slowPipeline = () =>
    writeTemp(
      dir,
      pipelineSource(`
import { concatMap, delay, of } from 'rxjs';
const features = Array.from({ length: 16 }, (_, i) => 'f' + i);
export default pipeline(csv('none.csv', { batchSize: 100 }))
  .pipe(dropNulls(features), concatMap((b) => of(b).pipe(delay(150))), select([...features, 'target']), standardScale(features))
  .train({ label: 'target', features, epochs: 2 });`),
      `slow${Math.random().toString(36).slice(2)}.pipeline.ts`,
    );

  it.each([
    ['pass 1 (fit)', /pass 1\/1 fit/, 'run'],
    ['pass 2 and training (epoch 1)', /transform, epoch 1: [1-9]/, 'run'],
    ['training from the cache (epoch 2)', /epoch 1\/2: loss/, 'run'],
    ['pass 2 of flow transform', /pass 2\/2 transform: [1-9]/, 'transform'],
  ])('during %s stops within seconds, exits 130 and leaves no output', async (_phase, when, command) => {
    const out = join(dir, `interrupted-${readdirSync(dir).length}`);
    const target = command === 'run' ? out : `${out}.csv`;
    const result = await interruptWhen([command, slowPipeline(), '--input', data, '--out', target, '--workers', '2'], when);
    expect(result.code, result.stderr.slice(-1500)).toBe(130);
    expect(result.stopSeconds).toBeLessThan(3);
    expect(result.stderr).toContain('interrupted');
    expect(existsSync(join(out, 'model'))).toBe(false);
    expect(existsSync(join(out, 'fitted.json'))).toBe(false);
    expect(existsSync(`${out}.csv`)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
