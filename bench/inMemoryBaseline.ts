// A conventional in-memory pipeline (pandas/scikit-learn style) for comparison with `flow run`:
// load every row, drop rows with nulls, fit a StandardScaler on all rows, split train/validation
// with the same line-hash rule as flow, shuffle globally, train the same MLP, report validation metrics.
//   node bin/run-ts.js bench/inMemoryBaseline.ts FILE [--epochs 1] [--seed 42] [--backend wasm]
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../src/train/backend.js';
import { binaryMlp, compileIfNeeded } from '../src/train/defaultModel.js';
import { BinaryMetrics } from '../src/train/metrics.js';
import { createRng, hashUnit } from '../src/train/random.js';

const [file, ...rest] = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1]! : fallback;
};
const epochs = Number(option('epochs', '1'));
const seed = Number(option('seed', '42'));
const backend = await selectBackend(option('backend', 'wasm') as BackendChoice);
const features = Array.from({ length: 16 }, (_, i) => `f${i}`);
const started = performance.now();

// Load: every complete row into growable Float32 arrays, remembering its line for the split.
let x = new Float32Array(1 << 20);
let y = new Float32Array(1 << 16);
let lines = new Int32Array(1 << 16);
let rows = 0;
const parser = createReadStream(file!).pipe(parse({ columns: true, info: true }));
for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
  if (features.some((f) => record[f] === '')) continue;
  if (rows === y.length) {
    const grow = <T extends Float32Array | Int32Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    x = grow(x, rows * 2 * 16);
    y = grow(y, rows * 2);
    lines = grow(lines, rows * 2);
  }
  features.forEach((f, j) => (x[rows * 16 + j] = Number(record[f])));
  y[rows] = Number(record.target);
  lines[rows] = info.lines;
  rows++;
}
const loadSeconds = (performance.now() - started) / 1000;

// StandardScaler on all rows (float64 accumulation, population variance), applied in place.
for (let j = 0; j < 16; j++) {
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += x[r * 16 + j]!;
  const mean = sum / rows;
  let m2 = 0;
  for (let r = 0; r < rows; r++) m2 += (x[r * 16 + j]! - mean) ** 2;
  const std = Math.sqrt(m2 / rows) || 1;
  for (let r = 0; r < rows; r++) x[r * 16 + j] = (x[r * 16 + j]! - mean) / std;
}

const train: number[] = [];
const validation: number[] = [];
for (let r = 0; r < rows; r++) (hashUnit(lines[r]!, seed) < 0.1 ? validation : train).push(r);

const model = binaryMlp({ inputs: 16, seed });
compileIfNeeded(model, 0.001);
const rng = createRng(seed);
const results = [];
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let i = train.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [train[i], train[j]] = [train[j]!, train[i]!];
  }
  const bx = new Float32Array(32 * 16);
  const by = new Float32Array(32);
  let lossSum = 0;
  for (let start = 0; start < train.length; start += 32) {
    const n = Math.min(32, train.length - start);
    for (let k = 0; k < n; k++) {
      const r = train[start + k]!;
      bx.set(x.subarray(r * 16, r * 16 + 16), k * 16);
      by[k] = y[r]!;
    }
    const xs = tf.tensor2d(bx.subarray(0, n * 16), [n, 16]);
    const ys = tf.tensor2d(by.subarray(0, n), [n, 1]);
    const [loss] = (await model.trainOnBatch(xs, ys)) as number[];
    lossSum += loss! * n;
    xs.dispose();
    ys.dispose();
  }
  const metrics = new BinaryMetrics();
  for (let start = 0; start < validation.length; start += 8192) {
    const idx = validation.slice(start, start + 8192);
    const vx = new Float32Array(idx.length * 16);
    idx.forEach((r, k) => vx.set(x.subarray(r * 16, r * 16 + 16), k * 16));
    const p = tf.tidy(() => (model.predict(tf.tensor2d(vx, [idx.length, 16])) as tf.Tensor).dataSync());
    metrics.add(p, idx.map((r) => y[r]!));
  }
  results.push({ epoch, loss: lossSum / train.length, valLoss: metrics.loss(), valAccuracy: metrics.accuracy(), valAuc: metrics.auc() });
}
console.log(
  JSON.stringify({
    pipeline: 'in-memory baseline',
    backend: backend.name,
    rows,
    trainRows: train.length,
    validationRows: validation.length,
    loadSeconds,
    seconds: (performance.now() - started) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    epochs: results,
  }),
);
