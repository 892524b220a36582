import { createRng } from '../train/random.js';
import { gaussian, writeCsvLines } from './csvLines.js';

const FEATURES = 8;

/**
 * A regression dataset: `id`, `x0`..`x7` at mixed scales (about 1% empty in `x2`), and `y`,
 * a nonlinear function of the standardized features plus Gaussian noise (sd 0.3).
 */
export async function writeRegressionDataset(path: string, options: { readonly rows: number; readonly seed?: number }): Promise<void> {
  const rng = createRng(options.seed ?? 11);
  const scales = Array.from({ length: FEATURES }, (_, i) => 10 ** (i / 2 - 1));
  const z = new Float64Array(FEATURES);
  const header = `id,${Array.from({ length: FEATURES }, (_, i) => `x${i}`).join(',')},y`;
  await writeCsvLines(path, header, options.rows, (id) => {
    for (let i = 0; i < FEATURES; i++) z[i] = gaussian(rng);
    const y = 3 * Math.sin(z[0]!) + z[1]! * z[2]! + 0.5 * z[3]! - 0.8 * Math.abs(z[4]!) + 0.3 * gaussian(rng);
    const fields = Array.from(z, (v, i) => (i === 2 && rng.next() < 0.01 ? '' : (10 + v * scales[i]!).toFixed(5)));
    return `${id},${fields.join(',')},${y.toFixed(6)}`;
  });
}
