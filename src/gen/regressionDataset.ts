import { AtomicFile } from '../io/sinks/atomicFile.js';
import { createRng, type Rng } from '../train/random.js';

const FEATURES = 8;

/**
 * A regression dataset: `id`, `x0`..`x7` at mixed scales (about 1% empty in `x2`), and `y`,
 * a nonlinear function of the standardized features plus Gaussian noise (sd 0.3).
 */
export async function writeRegressionDataset(path: string, options: { readonly rows: number; readonly seed?: number }): Promise<void> {
  const rng = createRng(options.seed ?? 11);
  const scales = Array.from({ length: FEATURES }, (_, i) => 10 ** (i / 2 - 1));
  const file = await AtomicFile.create(path);
  try {
    await file.write(`id,${Array.from({ length: FEATURES }, (_, i) => `x${i}`).join(',')},y\n`);
    const z = new Float64Array(FEATURES);
    let text = '';
    for (let id = 0; id < options.rows; id++) {
      for (let i = 0; i < FEATURES; i++) z[i] = gaussian(rng);
      const y = 3 * Math.sin(z[0]!) + z[1]! * z[2]! + 0.5 * z[3]! - 0.8 * Math.abs(z[4]!) + 0.3 * gaussian(rng);
      const fields = Array.from(z, (v, i) => (i === 2 && rng.next() < 0.01 ? '' : (10 + v * scales[i]!).toFixed(5)));
      text += `${id},${fields.join(',')},${y.toFixed(6)}\n`;
      if (text.length > 1 << 20) {
        await file.write(text);
        text = '';
      }
    }
    await file.write(text);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}

function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
