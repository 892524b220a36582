import { Schema, type RecordBatch } from 'apache-arrow';
import { parseChunk, type CsvParseSpec } from '../io/csv/parseChunk.js';
import { RowGroupReader, type ParquetChunk, type PartitionValues } from '../io/parquet/rowGroupReader.js';
import { takeRows } from '../operators/takeRows.js';
import type { StatefulStage } from '../operators/stage.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { hashUnit } from '../train/random.js';
import { featureMatrix, toRowBlock, type RowBlock } from '../train/rowBlock.js';
import { planError } from '../errors.js';
import { float64Data } from '../io/arrow/columns.js';
import { withColumns } from '../operators/columnKernels.js';
import { ROW_ID, selectBatch } from '../operators/select.js';
import { badRowTotal, emptyBadRowLog, type BadRowLog } from '../io/csv/badRows.js';
import { applySteps, compileSteps, countRows, type Step } from './chain.js';

/** The parse settings shared by every pass; each pass adds its own projection. */
export type ParseBase = Omit<CsvParseSpec, 'projection'>;

/** How chunks of a source are decoded: plain data, so that workers can do it too. */
export type SourceRead =
  | { readonly kind: 'csv'; readonly parse: ParseBase }
  /** The dataset's files, Hive partition values, and its (normalized) schema as Arrow IPC bytes. */
  | { readonly kind: 'parquet'; readonly files: readonly string[]; readonly partitions: PartitionValues; readonly schema: Uint8Array };

/** What one chunk is processed for. */
export type ChunkPass =
  | { readonly kind: 'fit'; readonly fitIndex: number }
  | { readonly kind: 'batches' }
  | { readonly kind: 'rows'; readonly seed: number; readonly validationFraction: number }
  | { readonly kind: 'predict'; readonly keep: readonly string[] };

/** A chunk to process: CSV bytes of whole records, or a Parquet row group to read and decode. */
export type ChunkInput = CsvChunkInput | ParquetChunk;

export interface CsvChunkInput {
  readonly kind?: 'csv';
  readonly bytes: Uint8Array;
  readonly firstLine: number;
  readonly records: number;
}

/** A decoded chunk: its batch, each row's line (CSV) or 1-based row number (Parquet), and skipped rows. */
interface Decoded {
  readonly batch: RecordBatch;
  readonly lines: ArrayLike<number>;
  readonly bad: BadRowLog;
  /** The file, for messages. */
  readonly file: string;
}

interface Compiled {
  readonly steps: Step[];
  /** The source columns this pass reads, as a projection of the source schema. */
  readonly schema: Schema;
  readonly csv: CsvParseSpec | undefined;
}

/** Row accounting for one chunk: rowsRead = rowsKept + bad rows + the sum of `dropped`. */
export interface ChunkAccounting {
  /** Source rows, unreadable ones included. */
  readonly rowsRead: number;
  /** Rows out of the chain. */
  readonly rowsKept: number;
  /** Unreadable rows skipped by the source (onBadRow: 'skip'). */
  readonly bad: BadRowLog;
  /** Rows removed by each stage, by stage index. */
  readonly dropped: number[];
}

/** A chunk's result. */
export type ChunkOutput = ChunkAccounting &
  (
    | { readonly kind: 'fit'; readonly partials: unknown[] }
    | { readonly kind: 'batches'; readonly batches: RecordBatch[] }
    | { readonly kind: 'rows'; readonly train: RowBlock[]; readonly holdout: RowBlock[] }
    | { readonly kind: 'predict'; readonly features: Float32Array[]; readonly kept: RecordBatch[] }
  );

/** The held-out rule of the training split: a seeded hash of the row's physical line (CSV) or row number (Parquet). */
export function isHeldOut(line: number, seed: number, fraction: number): boolean {
  return hashUnit(line, seed) < fraction;
}

/**
 * A plan with its fitted states, compiled for processing single chunks. The same code
 * runs inline on the main thread and inside each worker, so results do not depend on
 * where a chunk was processed.
 */
export class ChunkJob {
  private readonly cache = new Map<string, Compiled>();
  private readonly rowGroups: RowGroupReader | undefined;

  constructor(
    readonly plan: Plan,
    readonly read: SourceRead,
    readonly states: FittedStates,
  ) {
    this.rowGroups = read.kind === 'parquet' ? new RowGroupReader(read.files, read.partitions) : undefined;
  }

  /** Closes the files the job opened (Parquet readers). */
  close(): void {
    this.rowGroups?.close();
  }

  private async decode(chunk: ChunkInput, compiled: Compiled): Promise<Decoded> {
    if (chunk.kind === 'parquet') {
      const batch = await this.rowGroups!.read(chunk, compiled.schema);
      const lines = new Float64Array(chunk.rows);
      for (let r = 0; r < lines.length; r++) lines[r] = chunk.firstRow + r + 1;
      return { batch, lines, bad: emptyBadRowLog(), file: this.rowGroups!.files[chunk.file]! };
    }
    const { batch, lines, bad } = parseChunk(chunk, compiled.csv!, compiled.schema);
    return { batch, lines, bad, file: compiled.csv!.file };
  }

  async run(pass: ChunkPass, chunk: ChunkInput): Promise<ChunkOutput> {
    const compiled = this.compiled(pass);
    const { steps } = compiled;
    const { batch, lines, bad, file } = await this.decode(chunk, compiled);
    const rows = batch.numRows;
    const dropped: number[] = [];
    const accounting = (rowsKept: number): ChunkAccounting => ({ rowsRead: rows + badRowTotal(bad), rowsKept, bad, dropped });
    switch (pass.kind) {
      case 'fit': {
        const fitted = this.plan.fitPasses[pass.fitIndex]!.stageIndices;
        const accumulators = new Map(
          fitted.map((index) => {
            const planned = this.plan.stages[index]!;
            return [index, (planned.stage as StatefulStage).createAccumulator(planned.input!)] as const;
          }),
        );
        const last = fitted[fitted.length - 1]!;
        let rowsKept = 0;
        for (const out of await applySteps(steps, batch, dropped, (index, b) => {
          accumulators.get(index)!.update(b);
          if (index === last) rowsKept += b.numRows;
        })) void out;
        return { kind: 'fit', ...accounting(rowsKept), partials: fitted.map((index) => accumulators.get(index)!.partial()) };
      }
      case 'batches': {
        const batches = await applySteps(steps, batch, dropped);
        return { kind: 'batches', ...accounting(countRows(batches)), batches };
      }
      case 'predict': {
        // A row-id column rides through the chain, so each output row finds its source row.
        const ids = Float64Array.from({ length: rows }, (_, r) => r);
        const outputs = await applySteps(steps, withColumns(batch, new Map([[ROW_ID, float64Data(ids)]])), dropped);
        const training = this.plan.training!;
        const features: Float32Array[] = [];
        const kept: RecordBatch[] = [];
        for (const out of outputs) {
          const rowIds = out.schema.fields.findIndex((f) => f.name === ROW_ID);
          if (rowIds < 0) throw planError('ROW_ID_DROPPED', 'a user operator dropped flow\'s row-id column, so --keep cannot align passthrough columns');
          const sourceRows = Int32Array.from(out.data.children[rowIds]!.values as Float64Array);
          features.push(featureMatrix(out, training.features, file));
          kept.push(takeRows(selectBatch(batch, pass.keep), sourceRows));
        }
        return { kind: 'predict', ...accounting(countRows(outputs)), features, kept };
      }
      case 'rows': {
        const training = this.plan.training!;
        const blockSpec = { features: training.features, label: training.label, task: training.task, file };
        const trainRows = new Int32Array(rows);
        const heldRows = new Int32Array(rows);
        let t = 0;
        let h = 0;
        for (let r = 0; r < rows; r++) {
          if (isHeldOut(lines[r]!, pass.seed, pass.validationFraction)) heldRows[h++] = r;
          else trainRows[t++] = r;
        }
        const train = await applySteps(steps, takeRows(batch, trainRows.subarray(0, t)), dropped);
        const holdout = await applySteps(steps, takeRows(batch, heldRows.subarray(0, h)), dropped);
        return {
          kind: 'rows',
          ...accounting(countRows(train) + countRows(holdout)),
          train: train.map((b) => toRowBlock(b, blockSpec)),
          holdout: holdout.map((b) => toRowBlock(b, blockSpec)),
        };
      }
    }
  }

  private compiled(pass: ChunkPass): Compiled {
    const key = pass.kind === 'fit' ? `fit${pass.fitIndex}` : pass.kind === 'predict' ? 'predict' : 'output';
    let entry = this.cache.get(key);
    if (!entry) {
      const { plan } = this;
      const fit = pass.kind === 'fit' ? plan.fitPasses[pass.fitIndex]! : undefined;
      const stages = fit ? plan.stages.slice(0, fit.stageIndices[fit.stageIndices.length - 1]! + 1) : plan.stages;
      const needs = fit ?? plan.outputPass;
      const wanted = new Set([...needs.sourceColumns, ...(pass.kind === 'predict' ? pass.keep : [])]);
      const schema = new Schema(plan.sourceSchema.fields.filter((f) => wanted.has(f.name)));
      const { read } = this;
      const csv = read.kind === 'csv' ? { ...read.parse, projection: read.parse.columnNames.flatMap((name, i) => (wanted.has(name) ? [i] : [])) } : undefined;
      const taps = new Set(fit?.stageIndices ?? []);
      const skipped = new Set(fit?.skipped ?? []);
      entry = { steps: compileSteps(stages, this.states, needs.neededAfter, taps, skipped), schema, csv };
      this.cache.set(key, entry);
    }
    return entry;
  }
}
