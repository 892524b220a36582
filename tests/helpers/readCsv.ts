import type { RecordBatch } from 'apache-arrow';
import { CsvReader, csv, type CsvOptions } from '../../src/io/csv/csvSource.js';
import { parseChunk, projectedSchema } from '../../src/io/csv/parseChunk.js';

export interface ReadResult {
  readonly columns: string[];
  readonly rows: (string | number | null)[][];
  readonly lines: number[];
  readonly batches: RecordBatch[];
}

/** Reads a whole CSV file through flow's source, returning plain rows for comparison. */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<ReadResult> {
  const reader = await CsvReader.open(csv(path, options));
  try {
    const spec = reader.parseSpec();
    const schema = projectedSchema(reader.layout.schema, spec);
    const rows: (string | number | null)[][] = [];
    const lines: number[] = [];
    const batches: RecordBatch[] = [];
    for await (const chunk of reader.chunks()) {
      const parsed = parseChunk(chunk, spec, schema);
      batches.push(parsed.batch);
      lines.push(...parsed.lines);
      for (let r = 0; r < parsed.batch.numRows; r++) {
        rows.push(parsed.batch.schema.fields.map((_, c) => parsed.batch.getChildAt(c)!.get(r) as string | number | null));
      }
    }
    return { columns: [...reader.layout.columnNames], rows, lines, batches };
  } finally {
    await reader.close();
  }
}
