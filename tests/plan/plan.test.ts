import { map } from 'rxjs';
import type { RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { csv } from '../../src/io/csv/csvSource.js';
import { dropNulls } from '../../src/operators/dropNulls.js';
import { select } from '../../src/operators/select.js';
import { standardScale } from '../../src/operators/standardScale.js';
import { minMaxScale } from '../../src/operators/minMaxScale.js';
import { robustScale } from '../../src/operators/robustScale.js';
import { dropOutliers } from '../../src/operators/dropOutliers.js';
import { fittedFromJSON, fittedToJSON } from '../../src/plan/fittedState.js';
import { buildPlan, describePlan } from '../../src/plan/plan.js';
import { pipeline } from '../../src/plan/pipeline.js';
import { batchOf } from '../helpers/batches.js';

const schema = batchOf({ id: [1], a: [1], b: [1], c: [1], name: ['x'], target: [1] }).schema;
const base = pipeline(csv('unused.csv'));

describe('buildPlan', () => {
  it('splits into a fit pass reading only what the scaler needs, then the full pass', () => {
    const plan = buildPlan(
      base.pipe(dropNulls(['a', 'b']), select(['a', 'b', 'c', 'target']), standardScale(['a', 'c'])).train({ label: 'target' }),
      schema,
    );
    expect(plan.fitPasses).toHaveLength(1);
    expect(plan.fitPasses[0]!.stageIndices).toEqual([2]);
    // dropNulls needs a and b; the scaler needs a and c; target and id are not read in pass 1.
    expect(plan.fitPasses[0]!.sourceColumns).toEqual(['a', 'b', 'c']);
    expect(plan.outputPass.sourceColumns).toEqual(['a', 'b', 'c', 'target']);
    expect(plan.training!.features).toEqual(['a', 'b', 'c']);
    expect(plan.outputSchema!.fields.map((f) => f.name)).toEqual(['a', 'b', 'c', 'target']);
  });

  it('fits a stage that needs what an earlier one changes in a later pass', () => {
    const plan = buildPlan(base.pipe(standardScale(['a']), select(['a', 'b']), standardScale(['a', 'b'])), schema);
    expect(plan.fitPasses.map((p) => p.stageIndices)).toEqual([[0], [2]]);
    expect(describePlan(plan)).toMatch(/pass 1 \(fit standardScale\(a\) at stage 1\): reads a; runs in worker threads\n/);
    expect(describePlan(plan)).toMatch(/pass 3 \(transform\)/);
  });

  it('fits independent stateful stages in one shared pass', () => {
    const plan = buildPlan(base.pipe(standardScale(['a']), minMaxScale(['b']), robustScale(['c'])), schema);
    expect(plan.fitPasses.map((p) => p.stageIndices)).toEqual([[0, 1, 2]]);
    expect(plan.fitPasses[0]!.sourceColumns).toEqual(['a', 'b', 'c']);
  });

  it('starts a new pass after a stage that removes rows, or a user operator', () => {
    const identity = map((b: RecordBatch) => b);
    expect(buildPlan(base.pipe(dropOutliers({ columns: ['a'], z: 3 }), standardScale(['b'])), schema).fitPasses.map((p) => p.stageIndices)).toEqual([[0], [1]]);
    expect(buildPlan(base.pipe(standardScale(['a']), identity, standardScale(['b'])), schema).fitPasses.map((p) => p.stageIndices)).toEqual([[0], [2]]);
    expect(buildPlan(base.pipe(standardScale(['a']), minMaxScale(['b']), standardScale(['b'])), schema).fitPasses.map((p) => p.stageIndices)).toEqual([[0, 1], [2]]);
  });

  it('rejects an unknown column before reading data, listing those available', () => {
    expect(() => buildPlan(base.pipe(select(['a', 'zz'])), schema)).toThrow(/select: unknown column "zz".*available columns: id, a, b, c, name, target/);
    expect(() => buildPlan(base.pipe(select(['a', 'b'])), schema)).not.toThrow();
  });

  it('validates the label and the features', () => {
    expect(() => buildPlan(base.pipe(select(['a', 'b'])).train({ label: 'target' }), schema)).toThrow(/label column "target" is not in the pipeline output; output columns: a, b/);
    expect(() => buildPlan(base.train({ label: 'target', features: ['name'] }), schema)).toThrow(/column "name" is Utf8, not numeric/);
  });

  it('reads every column after a user operator, whose output schema is unknown', () => {
    const identity = map((b: RecordBatch) => b);
    const plan = buildPlan(base.pipe(identity, standardScale(['a'])), schema);
    expect(plan.fitPasses[0]!.sourceColumns).toEqual(['id', 'a', 'b', 'c', 'name', 'target']);
    expect(plan.outputSchema).toBeUndefined();
  });

  it('round-trips fitted state through JSON and rejects a file from another pipeline', () => {
    const plan = buildPlan(base.pipe(standardScale(['a'])), schema);
    const states = new Map([[0, { a: { count: 2, mean: 1, variance: 4, scale: 2 } }]]);
    const json = JSON.parse(JSON.stringify(fittedToJSON(plan, states, 'x.csv', 2)));
    expect(json).toMatchObject({ format: 'flow-fitted', version: 1, stages: [{ index: 0, operator: 'standardScale', state: { columns: { a: { count: 2, mean: 1, variance: 4 } } } }] });
    expect(fittedFromJSON(plan, json, 'f.json').get(0)).toEqual(states.get(0));
    const other = buildPlan(base.pipe(select(['a']), standardScale(['a'])), schema);
    expect(() => fittedFromJSON(other, json, 'f.json')).toThrow(/does not match this pipeline/);
  });
});
