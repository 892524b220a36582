import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError, planError } from '../errors.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { emptyCounts, ignoreProgress, type EpochMetrics, type ProgressSink, type RowCounts } from '../runtime/progress.js';
import type { Runtime } from '../runtime/executor.js';
import type { ChunkRef, OpenSource } from '../runtime/source.js';
import { transformChunks } from '../runtime/transform.js';
import { binaryMlp, compileIfNeeded, regressionMlp } from './defaultModel.js';
import { BinaryMetrics, RegressionMetrics } from './metrics.js';
import type { ResolvedTrainOptions, TrainTask } from './trainOptions.js';
import { createRng, shuffled } from './random.js';
import { RowCache } from './rowCache.js';
import type { RowBlock } from './rowBlock.js';
import { ShuffleBatcher, type Minibatch } from './shuffleBuffer.js';

export interface TrainRunOptions {
  readonly plan: Plan;
  readonly source: OpenSource;
  readonly states: FittedStates;
  /** Worker pool and pipeline module for parallel chunk processing (default: inline). */
  readonly runtime?: Runtime;
  /** Chunk extents from the fit pass: when given (or known to the source, as Parquet row groups are), epoch 1 reads chunks in shuffled order too. */
  readonly extents?: readonly ChunkRef[];
  /** Where the row cache lives during the run (default: the OS temp directory). */
  readonly cacheDirectory?: string;
  readonly progress?: ProgressSink;
  readonly signal?: AbortSignal;
}

export interface TrainResult {
  readonly model: tf.LayersModel;
  readonly epochs: EpochMetrics[];
  /** Rows through the source and chain in epoch 1. */
  readonly counts: RowCounts;
  readonly trainRows: number;
  readonly validationRows: number;
  /** Seconds the training loop waited for its next block of rows, and seconds spent in steps. */
  readonly waitSeconds: number;
  readonly stepSeconds: number;
}

/**
 * Pass 2 and training. Epoch 1 streams the source through the fitted chain (chunks in
 * seeded shuffled order when their extents are known), splits off held-out rows by a
 * hash of their line number, and caches transformed rows on disk; later epochs read the
 * cache in a fresh shuffled block order. A shuffle buffer mixes rows across blocks.
 */
export async function trainPipeline(options: TrainRunOptions): Promise<TrainResult> {
  const { plan, source } = options;
  if (!plan.training) throw planError('NO_TRAINING', 'the pipeline has no train(...) step');
  const t: ResolvedTrainOptions = plan.training;
  const progress = options.progress ?? ignoreProgress;
  const width = t.features.length;
  const rng = createRng(t.seed);
  const model = (t.model ?? (t.task === 'binary' ? binaryMlp : regressionMlp))({ inputs: width, seed: t.seed });
  const inputWidth = model.inputs[0]?.shape[1];
  if (inputWidth !== width) throw planError('MODEL_SHAPE', `the model takes ${String(inputWidth)} inputs but the pipeline gives ${width} features (${t.features.join(', ')})`);
  compileIfNeeded(model, t.learningRate, t.task);

  const directory = await mkdtemp(join(options.cacheDirectory ?? (await import('node:os')).tmpdir(), 'flow-cache-'));
  const holdoutCache = await RowCache.create(directory, 'holdout.f32', width);
  const trainCache = t.cache ? await RowCache.create(directory, 'train.f32', width) : undefined;
  const counts = emptyCounts();
  const recorded: ChunkRef[] = [];
  const epochs: EpochMetrics[] = [];
  let waitSeconds = 0;
  let stepSeconds = 0;

  async function* streamEpoch(epoch: number): AsyncGenerator<RowBlock> {
    const known = options.extents ?? source.knownChunks ?? (epoch > 1 ? recorded : undefined);
    const order = known && known.length > 0 ? shuffled(known, rng) : undefined;
    const chunks = transformChunks(plan, source, options.states, {
      pass: { kind: 'rows', seed: t.seed, validationFraction: t.validationFraction },
      counts: epoch === 1 ? counts : emptyCounts(),
      ...(options.runtime ? { runtime: options.runtime } : {}),
      ...(order ? { order } : { record: recorded }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for await (const chunk of chunks) {
      if (chunk.kind !== 'rows') continue;
      if (epoch === 1) for (const block of chunk.holdout) await holdoutCache.append(block);
      for (const block of chunk.train) {
        if (epoch === 1) await trainCache?.append(block);
        yield block;
      }
      progress({ kind: 'pass', pass: plan.fitPasses.length + 1, passes: plan.fitPasses.length + 1, label: `transform, epoch ${epoch}`, rows: counts.rowsRead, bytes: counts.bytesRead, totalBytes: source.byteLength });
    }
  }

  try {
    for (let epoch = 1; epoch <= t.epochs; epoch++) {
      const started = performance.now();
      const batcher = new ShuffleBatcher(width, t.shuffleBufferRows, t.batchSize, rng);
      const blocks =
        epoch > 1 && trainCache ? trainCache.read(shuffled([...Array(trainCache.blockCount).keys()], rng)) : streamEpoch(epoch);
      let lossSum = 0;
      let metricSum = 0; // accuracy (binary) or mean absolute error (regression)
      let rows = 0;
      const step = async (mb: Minibatch) => {
        const before = performance.now();
        const xs = tf.tensor2d(mb.x, [mb.rows, width]);
        const ys = tf.tensor2d(mb.y, [mb.rows, 1]);
        const out = await model.trainOnBatch(xs, ys);
        xs.dispose();
        ys.dispose();
        const [loss, metric] = Array.isArray(out) ? out : [out, NaN];
        lossSum += loss! * mb.rows;
        metricSum += metric! * mb.rows;
        rows += mb.rows;
        stepSeconds += (performance.now() - before) / 1000;
      };
      let waitStart = performance.now();
      for await (const block of blocks) {
        waitSeconds += (performance.now() - waitStart) / 1000;
        for (const mb of batcher.add(block)) await step(mb);
        if (rows > 0) progress({ kind: 'train', epoch, epochs: t.epochs, rows, loss: lossSum / rows });
        options.signal?.throwIfAborted();
        waitStart = performance.now();
      }
      waitSeconds += (performance.now() - waitStart) / 1000;
      for (const mb of batcher.drain()) await step(mb);
      if (rows === 0) {
        throw inputError('NO_ROWS', 'no rows reached training: the input has no data rows, or every row was dropped or held out', { file: source.path });
      }
      const metrics = await evaluate(model, holdoutCache, width, t.task, lossSum / rows, metricSum / rows);
      epochs.push(metrics);
      progress({ kind: 'epoch', epoch, epochs: t.epochs, metrics, seconds: (performance.now() - started) / 1000 });
    }
    return {
      model,
      epochs,
      counts,
      trainRows: trainCache?.rows ?? counts.rowsKept - holdoutCache.rows,
      validationRows: holdoutCache.rows,
      waitSeconds,
      stepSeconds,
    };
  } finally {
    await holdoutCache.dispose();
    await trainCache?.dispose();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Validation metrics over the held-out rows, in batches of 8,192, beside the epoch's training ones. */
async function evaluate(model: tf.LayersModel, cache: RowCache, width: number, task: TrainTask, loss: number, trainMetric: number): Promise<EpochMetrics> {
  const metrics = task === 'binary' ? new BinaryMetrics() : new RegressionMetrics();
  for await (const block of cache.read()) {
    const step = 8192;
    for (let start = 0; start < block.rows; start += step) {
      const rows = Math.min(step, block.rows - start);
      const probabilities = tf.tidy(() => {
        const xs = tf.tensor2d(block.x.subarray(start * width, (start + rows) * width), [rows, width]);
        return (model.predict(xs) as tf.Tensor).dataSync();
      });
      metrics.add(probabilities, block.y.subarray(start, start + rows));
    }
  }
  if (metrics instanceof BinaryMetrics) {
    return { loss, accuracy: trainMetric, valLoss: metrics.loss(), valAccuracy: metrics.accuracy(), valAuc: metrics.auc() };
  }
  return { loss, mae: trainMetric, valLoss: metrics.mse(), valMae: metrics.mae() };
}
