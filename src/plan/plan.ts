import type { Schema } from 'apache-arrow';
import { isNumericType } from '../io/arrow/numeric.js';
import { planError } from '../errors.js';
import { columnNames, requireNumeric } from '../operators/schemaChecks.js';
import { stageOf, type Stage } from '../operators/stage.js';
import type { ResolvedTrainOptions, TrainOptions } from '../train/trainOptions.js';
import type { Pipeline } from './pipeline.js';

/** One step of the plan with the schemas around it (undefined after a user operator). */
export interface PlannedStage {
  readonly index: number;
  readonly stage: Stage;
  readonly input: Schema | undefined;
  readonly output: Schema | undefined;
}

/**
 * A pass over the data that fits one or more stateful stages, reading only the columns they
 * need. Stages share a pass when none needs what an earlier one in the pass changes; in the
 * pass, those earlier ones feed their accumulator and let batches through unchanged.
 */
export interface FitPass {
  /** The stateful stages fitted by this pass, in pipeline order. */
  readonly stageIndices: readonly number[];
  /** Stateful stages before the last fitted one that are fitted in a later pass: skipped here. */
  readonly skipped: readonly number[];
  /** The source columns this pass reads. */
  readonly sourceColumns: readonly string[];
  /** For each stage before the last fitted one, the columns it must produce (for pruning). */
  readonly neededAfter: readonly (ReadonlySet<string> | undefined)[];
}

/** The final pass: the whole chain, producing `outputColumns`. */
export interface OutputPass {
  readonly sourceColumns: readonly string[];
  /** Columns each stage must produce; undefined where nothing may be pruned. */
  readonly neededAfter: readonly (ReadonlySet<string> | undefined)[];
}

export interface Plan {
  readonly sourceSchema: Schema;
  readonly stages: readonly PlannedStage[];
  readonly outputSchema: Schema | undefined;
  readonly fitPasses: readonly FitPass[];
  readonly outputPass: OutputPass;
  readonly training: ResolvedTrainOptions | undefined;
}

export interface PlanOverrides {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly seed?: number;
}

/**
 * Validates a pipeline against its source schema and splits it into passes.
 * Throws a plan error (naming the available columns) before any data row is read.
 */
export function buildPlan(pipeline: Pipeline, sourceSchema: Schema, overrides: PlanOverrides = {}): Plan {
  const stages: PlannedStage[] = [];
  let schema: Schema | undefined = sourceSchema;
  pipeline.operators.forEach((operator, index) => {
    const stage = stageOf(operator);
    const input = schema;
    const output: Schema | undefined = stage.type === 'opaque' || input === undefined ? undefined : stage.outputSchema(input);
    stages.push({ index, stage, input, output });
    schema = output;
  });
  const outputSchema = schema as Schema | undefined;
  const training = pipeline.training ? resolveTraining(pipeline.training, outputSchema, overrides) : undefined;

  const fitPasses = groupFitPasses(stages, sourceSchema);
  // What the last pass must produce: the training columns, or every output column. When a user
  // operator hides the output schema and nothing is trained, nothing can be pruned.
  const finalNeeds = training !== undefined ? new Set([...training.features, training.label]) : outputSchema ? new Set(columnNames(outputSchema)) : undefined;
  const outputPass: OutputPass = finalNeeds
    ? neededColumns(stages, finalNeeds, sourceSchema)
    : { sourceColumns: columnNames(sourceSchema), neededAfter: stages.map(() => undefined) };
  return { sourceSchema, stages, outputSchema, fitPasses, outputPass, training };
}

/**
 * The fewest passes that fit every stateful stage: a stage depends on an earlier stateful
 * stage when it needs a column that one changes (or that one removes rows), and is fitted
 * in the pass after the last of its dependencies. The number of passes is the longest
 * dependency chain. In a pass, stages fitted earlier are applied, stages fitted in this
 * pass feed their accumulator and let batches through, and stages fitted later are
 * skipped (nothing fitted in this pass depends on them).
 */
function groupFitPasses(stages: readonly PlannedStage[], sourceSchema: Schema): FitPass[] {
  type Stateful = Extract<Stage, { type: 'stateful' }>;
  const fits: { index: number; level: number; walk: ReturnType<typeof neededColumns> }[] = [];
  for (const planned of stages) {
    if (planned.stage.type !== 'stateful') continue;
    const walk = neededColumns(stages.slice(0, planned.index), new Set(planned.stage.fitColumns), sourceSchema);
    const values = valueDependencies(stages.slice(0, planned.index), new Set(planned.stage.fitColumns));
    let level = 0;
    for (const earlier of fits) {
      const modifies = (stages[earlier.index]!.stage as Stateful).modifies;
      const needed = values[earlier.index];
      const independent = modifies !== undefined && !modifies.rows && needed !== undefined && modifies.columns.every((c) => !needed.has(c));
      if (!independent) level = Math.max(level, earlier.level + 1);
    }
    fits.push({ index: planned.index, level, walk });
  }
  const levels = Math.max(-1, ...fits.map((f) => f.level)) + 1;
  return Array.from({ length: levels }, (_, level) => {
    const last = Math.max(...fits.filter((f) => f.level === level).map((f) => f.index));
    // Stages fitted in a later pass are skipped in this one, so they read nothing here.
    const later = fits.filter((f) => f.level > level && f.index < last).map((f) => f.index);
    const group = fits
      .filter((f) => f.level === level)
      .map((f) => ({ ...f, walk: neededColumns(stages.slice(0, f.index), new Set((stages[f.index]!.stage as Stateful).fitColumns), sourceSchema, new Set(later)) }));
    const neededAfter = Array.from({ length: last }, (_, position) => {
      const union = new Set<string>();
      for (const { walk, index } of group) {
        if (position >= index) continue;
        const needed = walk.neededAfter[position];
        if (needed === undefined) return undefined;
        for (const c of needed) union.add(c);
      }
      // A stage fitted in this pass is a pass-through tap: it must keep what later ones need.
      for (const { index } of group) if (index === position) for (const c of (stages[index]!.stage as Stateful).fitColumns) union.add(c);
      return union;
    });
    const sources = new Set(group.flatMap(({ walk }) => walk.sourceColumns));
    return { stageIndices: group.map(({ index }) => index), skipped: later, sourceColumns: columnNames(sourceSchema).filter((c) => sources.has(c)), neededAfter };
  });
}

/**
 * For each stage, the columns whose values (or whose row filtering) the wanted columns depend
 * on, just after that stage. Unlike the projection walk, a column-wise fitted transform
 * (standardScale and the like) maps column c to column c only: the columns it merely needs
 * to exist do not make the wanted values depend on it. Undefined after a user operator.
 */
function valueDependencies(stages: readonly PlannedStage[], wanted: Set<string>): (ReadonlySet<string> | undefined)[] {
  const result: (ReadonlySet<string> | undefined)[] = new Array(stages.length);
  let current: Set<string> | undefined = wanted;
  for (let i = stages.length - 1; i >= 0; i--) {
    const { stage, input } = stages[i]!;
    result[i] = current;
    if (current === undefined || stage.type === 'opaque' || input === undefined) current = undefined;
    else if (stage.type === 'stateful' && stage.modifies && !stage.modifies.rows) continue;
    else current = stage.inputColumns(current, input);
  }
  return result;
}

/** Walks the stages backwards, from the columns needed at the end to the source columns to read. */
function neededColumns(
  stages: readonly PlannedStage[],
  needed: Set<string>,
  sourceSchema: Schema,
  passThrough: ReadonlySet<number> = new Set(),
): { sourceColumns: string[]; neededAfter: ReadonlySet<string>[] } {
  const neededAfter: ReadonlySet<string>[] = new Array(stages.length);
  let current: Set<string> = needed;
  for (let i = stages.length - 1; i >= 0; i--) {
    const { stage, input, index } = stages[i]!;
    neededAfter[i] = current;
    if (passThrough.has(index)) continue;
    current = stage.type === 'opaque' || input === undefined ? new Set(columnNames(sourceSchema)) : stage.inputColumns(current, input);
  }
  const sourceColumns = columnNames(sourceSchema).filter((c) => current.has(c));
  return { sourceColumns, neededAfter };
}

function resolveTraining(options: TrainOptions, output: Schema | undefined, overrides: PlanOverrides): ResolvedTrainOptions {
  const features = options.features ?? (output ? defaultFeatures(output, options.label) : undefined);
  if (!features) throw planError('NO_FEATURES', 'train(): list `features` explicitly when the pipeline ends in a user operator');
  if (output) {
    const available = columnNames(output);
    if (!available.includes(options.label)) {
      throw planError('MISSING_LABEL', `train(): label column "${options.label}" is not in the pipeline output; output columns: ${available.join(', ')}`);
    }
    requireNumeric(output, [options.label], 'train() label');
    requireNumeric(output, features, 'train() features');
  }
  if (features.includes(options.label)) throw planError('LABEL_IS_FEATURE', `train(): label "${options.label}" is also listed as a feature`);
  if (features.length === 0) throw planError('NO_FEATURES', 'train(): no numeric feature columns in the pipeline output');
  const positive = (name: string, value: number, integer = true) => {
    if (!(value > 0) || (integer && !Number.isInteger(value))) throw planError('BAD_OPTION', `train(): ${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
    return value;
  };
  const validationFraction = options.validationFraction ?? 0.1;
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw planError('BAD_OPTION', `train(): validationFraction must be in (0, 1), got ${validationFraction}`);
  }
  const task = options.task ?? 'binary';
  if (task !== 'binary' && task !== 'regression') throw planError('BAD_OPTION', `train(): task must be 'binary' or 'regression', got ${String(task)}`);
  return {
    task,
    label: options.label,
    features,
    model: options.model,
    epochs: positive('epochs', overrides.epochs ?? options.epochs ?? 10),
    batchSize: positive('batchSize', overrides.batchSize ?? options.batchSize ?? 32),
    learningRate: positive('learningRate', options.learningRate ?? 0.001, false),
    validationFraction,
    shuffleBufferRows: positive('shuffleBufferRows', options.shuffleBufferRows ?? 65_536),
    seed: overrides.seed ?? options.seed ?? 42,
    cache: options.cache ?? true,
  };
}

function defaultFeatures(output: Schema, label: string): string[] {
  return output.fields.filter((f) => isNumericType(f.type) && f.name !== label).map((f) => f.name);
}

/** A readable description of the plan, for `flow explain` and `--verbose`. */
export function describePlan(plan: Plan): string {
  const lines: string[] = [];
  const schemaText = (s: Schema | undefined) => (s ? s.fields.map((f) => `${f.name}: ${String(f.type)}`).join(', ') : '(unknown after a user operator)');
  lines.push(`source schema: ${schemaText(plan.sourceSchema)}`);
  lines.push('stages:');
  for (const s of plan.stages) lines.push(`  ${s.index + 1}. [${s.stage.type}] ${s.stage.description}`);
  const where = (stageCount: number) => {
    const pinned = plan.stages.slice(0, stageCount).filter((s) => s.stage.type === 'opaque' && s.stage.mainThreadOnly === true);
    return pinned.length === 0 ? 'in worker threads' : `on the main thread (${pinned.map((s) => s.stage.name).join(', ')} marked onMainThread)`;
  };
  plan.fitPasses.forEach((pass, i) => {
    const fitted = pass.stageIndices.map((index) => `${plan.stages[index]!.stage.description} at stage ${index + 1}`).join('; ');
    const last = pass.stageIndices[pass.stageIndices.length - 1]!;
    lines.push(`pass ${i + 1} (fit ${fitted}): reads ${pass.sourceColumns.join(', ')}; runs ${where(last)}`);
  });
  lines.push(
    `pass ${plan.fitPasses.length + 1} (transform): reads ${plan.outputPass.sourceColumns.join(', ')}; runs all ${plan.stages.length} stages ${where(plan.stages.length)}`,
  );
  lines.push(`output schema: ${schemaText(plan.outputSchema)}`);
  if (plan.training) lines.push(`train (${plan.training.task}): label ${plan.training.label}; ${plan.training.features.length} features; ${plan.training.epochs} epochs; batch ${plan.training.batchSize}`);
  return lines.join('\n');
}
