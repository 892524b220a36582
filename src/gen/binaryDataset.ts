import { createRng, type Rng } from '../train/random.js';
import { gaussian, writeCsvLines } from './csvLines.js';

export interface BinaryDatasetOptions {
  readonly rows: number;
  readonly seed?: number;
}

const FEATURES = 16;
const NULLABLE = new Set([3, 7, 11, 15]);
const CATEGORIES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const WORDS = ['late', 'order', 'refund', 'blue', 'crate', 'north', 'fast', 'quiet', 'paper', 'stone'];

/**
 * The schema of the binary example: `id`, `f0`..`f15` at mixed scales (about 0.1 to 1000,
 * shifted means; ~1% empty in f3, f7, f11, f15; rare large outliers), `cat` (8 strings),
 * `note` (free text, sometimes quoted with commas and doubled quotes, sometimes empty),
 * and `target` drawn from a logistic model of the standardized features.
 */
export async function writeBinaryDataset(path: string, options: BinaryDatasetOptions): Promise<void> {
  const rng = createRng(options.seed ?? 7);
  const scales = Array.from({ length: FEATURES }, (_, i) => 10 ** (-1 + (4 * i) / (FEATURES - 1)));
  const means = scales.map((s, i) => s * ((i % 5) - 2) * 1.5);
  const decimals = scales.map((s) => Math.max(0, Math.min(8, 6 - Math.round(Math.log10(s)))));
  const weights = Array.from({ length: FEATURES }, (_, i) => (i % 4 === 2 ? 0 : (rng.next() * 2 - 1) * 1.2));
  const header = ['id', ...Array.from({ length: FEATURES }, (_, i) => `f${i}`), 'cat', 'note', 'target'].join(',');
  const z = new Float64Array(FEATURES);
  await writeCsvLines(path, header, options.rows, (id) => {
    let logit = -0.4;
    for (let i = 0; i < FEATURES; i++) {
      z[i] = gaussian(rng);
      logit += weights[i]! * z[i]!;
    }
    logit += 0.9 * z[0]! * z[1]! - 0.6 * Math.abs(z[4]!);
    let line = String(id);
    for (let i = 0; i < FEATURES; i++) {
      const outlier = rng.next() < 0.0005 ? 40 : 1;
      const value = means[i]! + scales[i]! * z[i]! * outlier;
      line += NULLABLE.has(i) && rng.next() < 0.01 ? ',' : `,${value.toFixed(decimals[i]!)}`;
    }
    const target = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    return `${line},${CATEGORIES[rng.int(CATEGORIES.length)]},${note(rng)},${target}`;
  });
}

function note(rng: Rng): string {
  const kind = rng.next();
  const words = () => Array.from({ length: 1 + rng.int(4) }, () => WORDS[rng.int(WORDS.length)]).join(' ');
  if (kind < 0.3) return '';
  if (kind < 0.5) return `"${words()}, ${words()}"`;
  if (kind < 0.6) return `"said ""${words()}"", then left"`;
  return words();
}
