import { describe, expect, it } from 'vitest';
import { pipelineSource, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';
import { join } from 'node:path';

const dir = tempDirectory();

describe('every row is accounted for', () => {
  const lines = ['a,b,y'];
  for (let i = 0; i < 400; i++) {
    if (i % 50 === 7) lines.push(`${i},oops,1`); // unparsable number
    else if (i % 50 === 19) lines.push(`${i},${i}`); // wrong field count
    else if (i % 10 === 3) lines.push(`${i},,${i % 2}`); // null: dropped by dropNulls
    else lines.push(`${i},${i * 2},${i % 2}`);
  }
  const data = writeTemp(dir, `${lines.join('\n')}\n`);
  const pipelineFile = writeTemp(
    dir,
    pipelineSource(`export default pipeline(csv('none.csv', { onBadRow: 'skip', batchSize: 64, types: { b: 'float64' } }))
  .pipe(dropNulls(['a', 'b']), standardScale(['a', 'b']))
  .train({ label: 'y', epochs: 1 });`),
    'skip.pipeline.ts',
  );

  it.each([0, 2])('rowsRead = kept + bad rows + rows each stage dropped (--workers %i)', (workers) => {
    const result = runFlow(['run', pipelineFile, '--input', data, '--json', '--quiet', '--workers', String(workers), '--backend', 'cpu', '--out', join(dir, `out${workers}`)]);
    expect(result.code, result.stderr).toBe(0);
    const s = JSON.parse(result.stdout);
    expect(s.rowsRead).toBe(400);
    expect(s.dropped.badRows.byReason).toEqual({ unparsableNumber: 8, wrongFieldCount: 8 });
    expect(s.dropped.badRows.firstLines[0]).toMatchObject({ line: 9, reason: 'unparsableNumber' });
    expect(s.dropped.byStage).toEqual([{ stage: 'dropNulls(a, b)', rows: 40 }]);
    const droppedByStages = s.dropped.byStage.reduce((n: number, d: { rows: number }) => n + d.rows, 0);
    expect(s.rowsKept + s.dropped.badRows.total + droppedByStages).toBe(s.rowsRead);
    expect(s.rowsDropped).toBe(s.rowsRead - s.rowsKept);
  });
});
