import { Field, Precision, Schema, Type, Utf8, type Data, type Float, type RecordBatch } from 'apache-arrow';
import { asFloat64Values, decimalText, isNumericType } from '../io/arrow/numeric.js';
import { inputError } from '../errors.js';
import { float64Data, isValid, utf8Data } from '../io/arrow/columns.js';
import { NOT_A_NUMBER, parseFieldNumber } from '../io/csv/parseNumber.js';
import { float64Like, withColumns, withFloat64Fields } from './columnKernels.js';
import { statelessOperator } from './flowOperator.js';
import { requireColumns } from './schemaChecks.js';
import type { FlowOperator } from './stage.js';

export type CastType = 'float64' | 'utf8';

const encoder = new TextEncoder();

/** The kernel: converts each named column; text to number follows `Number()` (blank → null). */
export function castBatch(batch: RecordBatch, types: Readonly<Record<string, CastType>>): RecordBatch {
  const replaced = new Map<string, Data>();
  for (const [name, type] of Object.entries(types)) {
    const index = batch.schema.fields.findIndex((f) => f.name === name);
    const data = batch.data.children[index]!;
    const vector = batch.getChildAt(index)!;
    const field = batch.schema.fields[index]!;
    const isText = field.typeId === Type.Utf8;
    const isFloat64 = field.typeId === Type.Float && (field.type as Float).precision === Precision.DOUBLE;
    if (type === 'utf8' ? isText : isFloat64) continue;
    const bitmap = new Uint8Array((batch.numRows + 7) >> 3);
    let nullCount = 0;
    if (type === 'float64' && isNumericType(field.type)) {
      // Integers, decimals, booleans, dates, timestamps: their numeric view (see io/arrow/numeric.ts).
      replaced.set(name, float64Like(asFloat64Values(data), data));
    } else if (type === 'float64') {
      const values = new Float64Array(batch.numRows);
      for (let r = 0; r < batch.numRows; r++) {
        if (!isValid(data, r)) {
          nullCount++;
          continue;
        }
        const text = encoder.encode(String(vector.get(r)));
        const value = parseFieldNumber(text, 0, text.length, false, 34);
        if (value === NOT_A_NUMBER) throw inputError('NOT_A_NUMBER', `cast: ${JSON.stringify(String(vector.get(r)).slice(0, 40))} is not a number`, { column: name });
        if (value === null) nullCount++;
        else {
          values[r] = value;
          bitmap[r >> 3]! |= 1 << (r & 7);
        }
      }
      replaced.set(name, float64Data(values, { bitmap, nullCount }));
    } else {
      const parts: Uint8Array[] = [];
      const offsets = new Int32Array(batch.numRows + 1);
      for (let r = 0; r < batch.numRows; r++) {
        if (isValid(data, r)) {
          const v = vector.get(r) as unknown;
          const text =
            field.typeId === Type.Decimal
              ? decimalText(data.values as Uint32Array, r * data.stride, data.stride, (field.type as unknown as { scale: number }).scale)
              : Object.is(v, -0)
                ? '-0'
                : String(v);
          parts.push(encoder.encode(text));
          bitmap[r >> 3]! |= 1 << (r & 7);
        } else {
          parts.push(new Uint8Array(0));
          nullCount++;
        }
        offsets[r + 1] = offsets[r]! + parts[r]!.length;
      }
      const bytes = new Uint8Array(offsets[batch.numRows]!);
      parts.forEach((p, r) => bytes.set(p, offsets[r]!));
      replaced.set(name, utf8Data(offsets, bytes, { bitmap, nullCount }));
    }
  }
  return replaced.size === 0 ? batch : withColumns(batch, replaced);
}

/**
 * Converts columns between text and numbers: `cast({ zip: 'utf8', amount: 'float64' })`.
 * Text becomes the number `Number()` gives (blank is null; other text is an error); numbers
 * become their shortest round-trip text.
 */
export function cast(types: Readonly<Record<string, CastType>>): FlowOperator {
  return statelessOperator({
    type: 'stateless',
    name: 'cast',
    description: `cast(${Object.entries(types).map(([c, t]) => `${c}: ${t}`).join(', ')})`,
    outputSchema(input: Schema) {
      requireColumns(input, Object.keys(types), 'cast');
      const numeric = Object.keys(types).filter((c) => types[c] === 'float64');
      const withNumbers = withFloat64Fields(input, numeric);
      return new Schema(
        withNumbers.fields.map((f) => (types[f.name] === 'utf8' ? new Field(f.name, new Utf8(), true) : f)),
        withNumbers.metadata,
      );
    },
    inputColumns: (needed) => new Set([...needed, ...Object.keys(types)]),
    apply: (batch) => castBatch(batch, types),
  });
}
