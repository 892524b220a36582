import { Type, type RecordBatch, type Schema } from 'apache-arrow';
import { isValid } from '../arrow/columns.js';
import { AtomicFile } from './atomicFile.js';
import type { BatchSink } from './batchSink.js';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Formats one value so that flow's CSV source reads back the same value. */
function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function formatText(value: string): string {
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Streams batches into a CSV file with a header; nulls are empty fields. */
export async function csvSink(path: string, schema: Schema): Promise<BatchSink> {
  const file = await AtomicFile.create(path);
  await file.write(`${schema.fields.map((f) => formatText(f.name)).join(',')}\n`);
  return {
    async write(batch: RecordBatch) {
      const columns = batch.data.children.map((data, c) => {
        const typeId = batch.schema.fields[c]!.typeId;
        const vector = batch.getChildAt(c)!;
        const cells = new Array<string>(batch.numRows);
        for (let r = 0; r < batch.numRows; r++) {
          if (!isValid(data, r)) cells[r] = '';
          else if (typeId === Type.Float || typeId === Type.Int) cells[r] = formatNumber(Number(vector.get(r)));
          else cells[r] = formatText(String(vector.get(r)));
        }
        return cells;
      });
      const lines = new Array<string>(batch.numRows);
      for (let r = 0; r < batch.numRows; r++) lines[r] = columns.map((cells) => cells[r]).join(',');
      if (lines.length > 0) await file.write(`${lines.join('\n')}\n`);
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}
