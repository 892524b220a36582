import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineSource, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const pipelineFile = writeTemp(
  dir,
  pipelineSource(`export default pipeline(csv('none.csv')).pipe(dropNulls(['a', 'b']), standardScale(['a', 'b'])).train({ label: 'y', epochs: 1 });`),
  'ab.pipeline.ts',
);

/** Runs a failing command and checks the user-error contract: exit code, message, no stack, no output. */
function expectUserError(args: string[], pattern: RegExp, out = join(dir, 'out')): string {
  const result = runFlow([...args, '--out', out]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(out, 'model'))).toBe(false);
  return result.stderr;
}

describe('CLI errors', () => {
  it('missing input file', () => {
    expectUserError(['run', pipelineFile, '--input', join(dir, 'nope.csv')], /\[MISSING_FILE\].*nope\.csv: file not found/);
  });

  it('unknown column: listed alternatives, before any row is read', () => {
    const file = writeTemp(dir, pipelineSource(`export default pipeline(csv('x.csv')).pipe(select(['a', 'bb']));`), 'unknown.pipeline.ts');
    const data = writeTemp(dir, 'a,b,y\n1,2,0\n');
    expectUserError(['transform', file, '--input', data], /unknown column "bb" \(did you mean "b"\?\); available columns: a, b, y/, join(dir, 't.csv'));
    expect(existsSync(join(dir, 't.csv'))).toBe(false);
  });

  it('label that is not 0/1', () => {
    const data = writeTemp(dir, 'a,b,y\n1,2,0\n3,4,2\n5,6,1\n');
    expectUserError(['run', pipelineFile, '--input', data], /\[BAD_LABEL\].*column "y": label value 2 is not 0 or 1/);
  });

  it('missing label column', () => {
    const data = writeTemp(dir, 'a,b,z\n1,2,0\n');
    expectUserError(['run', pipelineFile, '--input', data], /\[MISSING_LABEL\].*label column "y".*output columns: a, b, z/);
  });

  it('ragged row, with its line number', () => {
    const data = writeTemp(dir, 'a,b,y\n1,2,0\n3,4,1\n5,6\n');
    expectUserError(['run', pipelineFile, '--input', data], /\[RAGGED_ROW\].*:4: expected 3 fields \(a, b, y\) but found 2/);
  });

  const rows = Array.from({ length: 30 }, (_, i) => `${i},${i},${i % 2}`);
  const withText = writeTemp(dir, `a,b,y\n${rows.join('\n')}\n7,seven,1\n`);

  it('text in a numeric column past the type sample: line and column', () => {
    const file = writeTemp(
      dir,
      pipelineSource(`export default pipeline(csv('none.csv', { inferRows: 10 })).pipe(dropNulls(['a', 'b'])).train({ label: 'y', epochs: 1 });`),
      'small-sample.pipeline.ts',
    );
    expectUserError(['run', file, '--input', withText], /\[NOT_A_NUMBER\].*:32, column "b": "seven" is not a number/);
  });

  it('text in a numeric column inside the type sample: the plan says why the column is text', () => {
    expectUserError(['run', pipelineFile, '--input', withText], /column "b" is Utf8, not numeric \(inferred as Utf8 because "seven" is not a number at line 32;/);
  });

  it('a header-only file: nothing to train on', () => {
    const data = writeTemp(dir, 'a,b,y\n');
    expectUserError(['run', pipelineFile, '--input', data], /\[NOT_NUMERIC\].*the file has no data rows/);
  });

  it('an output path in a missing directory', () => {
    const file = writeTemp(dir, pipelineSource(`export default pipeline(csv('x.csv')).pipe(select(['a']));`), 'select-a.pipeline.ts');
    const data = writeTemp(dir, 'a,b\n1,2\n');
    const result = runFlow(['transform', file, '--input', data, '--out', join(dir, 'no', 'such', 'dir', 'x.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[BAD_OUTPUT_PATH\].*does not exist/);
  });

  it('unknown command and --help', () => {
    const bad = runFlow(['frobnicate']);
    expect(bad.code).toBe(2);
    const help = runFlow(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--backend');
    expect(help.stdout).toContain('--input');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
