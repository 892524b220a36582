import type { RecordBatch, Schema } from 'apache-arrow';
import type { OperatorFunction } from 'rxjs';

/**
 * What the planner knows about one step of a pipeline. Every flow operator is an RxJS
 * `OperatorFunction<RecordBatch, RecordBatch>` that also carries one of these as `.stage`;
 * a plain user-written RxJS operator becomes an `OpaqueStage`.
 */
export type Stage = StatelessStage | StatefulStage | OpaqueStage;

interface StageCommon {
  /** Operator name, e.g. `dropNulls`. */
  readonly name: string;
  /** One-line description for `explain` and error messages, e.g. `dropNulls(f0, f1)`. */
  readonly description: string;
  /** The output schema; throws a plan error when the input lacks a column the stage needs. */
  outputSchema(input: Schema): Schema;
  /** The input columns needed to produce `neededOutputs` (projection pushdown). */
  inputColumns(neededOutputs: ReadonlySet<string>, input: Schema): Set<string>;
}

/** A pure per-batch transform. */
export interface StatelessStage extends StageCommon {
  readonly type: 'stateless';
  apply(batch: RecordBatch): RecordBatch;
  /** A cheaper equivalent that only has to produce `neededOutputs` (e.g. a narrower select). */
  prune?(neededOutputs: ReadonlySet<string>): StatelessStage;
}

/** Mergeable state fitted over a whole pass: update per batch, merge partials, finalize once. */
export interface Accumulator<Partial = unknown, State = unknown> {
  update(batch: RecordBatch): void;
  /** This accumulator's partial state: plain typed arrays, safe to send between threads. */
  partial(): Partial;
  merge(other: Partial): void;
  finalize(): State;
}

/** A transform whose parameters come from a fit pass over the data (pass 1). */
export interface StatefulStage<State = unknown, Partial = unknown> extends StageCommon {
  readonly type: 'stateful';
  /** Columns the accumulator reads. */
  readonly fitColumns: readonly string[];
  /**
   * What the fitted transform changes: these columns' values, and whether it removes rows.
   * The planner fits a later stage in the same pass when that stage needs none of it.
   * Undefined means "anything", so later stateful stages get a pass of their own.
   */
  readonly modifies?: { readonly columns: readonly string[]; readonly rows: boolean };
  createAccumulator(input: Schema): Accumulator<Partial, State>;
  /** The fitted transform. */
  bind(state: State): StatelessStage;
  /** Fitted state to and from its documented JSON form. */
  stateToJSON(state: State): unknown;
  stateFromJSON(json: unknown): State;
}

/** A user's RxJS operator: schema unknown to the planner, applied batch by batch. */
export interface OpaqueStage {
  readonly type: 'opaque';
  readonly name: string;
  readonly description: string;
  readonly operator: OperatorFunction<RecordBatch, RecordBatch>;
  /** Set by `onMainThread`: the operator closes over main-thread state, so it never runs in a worker. */
  readonly mainThreadOnly?: boolean;
}

/** An RxJS operator that carries its stage description. */
export type FlowOperator = OperatorFunction<RecordBatch, RecordBatch> & { readonly stage: Stage };

export function isFlowOperator(value: unknown): value is FlowOperator {
  return typeof value === 'function' && typeof (value as { stage?: unknown }).stage === 'object';
}

/** The stage behind an operator: a flow operator's own, or an opaque wrapper for user RxJS. */
export function stageOf(operator: OperatorFunction<RecordBatch, RecordBatch>): Stage {
  if (isFlowOperator(operator)) return operator.stage;
  const name = operator.name || 'userOperator';
  return { type: 'opaque', name, description: `${name} (user RxJS operator)`, operator };
}
