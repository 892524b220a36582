import { AtomicFile } from '../io/sinks/atomicFile.js';
import type { Rng } from '../train/random.js';

/**
 * Writes a generated CSV atomically: the header, then `rows` lines from `line(id)`,
 * buffered into writes of about 1 MB so memory stays flat whatever the row count.
 */
export async function writeCsvLines(path: string, header: string, rows: number, line: (id: number) => string): Promise<void> {
  const file = await AtomicFile.create(path);
  try {
    await file.write(`${header}\n`);
    let text = '';
    for (let id = 0; id < rows; id++) {
      text += `${line(id)}\n`;
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

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
