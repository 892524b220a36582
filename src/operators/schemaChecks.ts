import type { Schema } from 'apache-arrow';
import { planError, unknownColumnError } from '../errors.js';
import { INFERENCE_NOTE } from '../io/arrow/fieldMetadata.js';
import { isNumericType } from '../io/arrow/numeric.js';

export function columnNames(schema: Schema): string[] {
  return schema.fields.map((f) => f.name);
}

/** Throws a plan error naming the first missing column and listing those that exist. */
export function requireColumns(schema: Schema, names: readonly string[], context: string): void {
  const available = columnNames(schema);
  for (const name of names) {
    if (!available.includes(name)) throw unknownColumnError(name, available, context);
  }
}

/** Throws unless every named column exists and is numeric (read as Float64, see io/arrow/numeric.ts). */
export function requireNumeric(schema: Schema, names: readonly string[], context: string): void {
  requireColumns(schema, names, context);
  const numeric = schema.fields.filter((f) => isNumericType(f.type)).map((f) => f.name);
  for (const name of names) {
    if (!numeric.includes(name)) {
      const field = schema.fields.find((f) => f.name === name)!;
      const note = field.metadata.get(INFERENCE_NOTE);
      const why = note ? ` (${note}; to read it as numbers anyway, pass csv(path, { types: { ${name}: 'float64' } }))` : '';
      throw planError(
        'NOT_NUMERIC',
        `${context}: column "${name}" is ${String(field.type)}, not numeric${why}; numeric columns: ${numeric.join(', ') || '(none)'}`,
      );
    }
  }
}
