import { planError } from '../errors.js';

/**
 * Reads the per-column numbers of a fitted state's JSON, `{ columns: { name: { field: n } } }`,
 * checking that every column has every field. A field listed in `nullAs` may be null in the
 * JSON (JSON has no infinities) and reads as the given value.
 */
export function readColumnNumbers<F extends string>(
  json: unknown,
  columns: readonly string[],
  fields: readonly F[],
  description: string,
  nullAs: Partial<Record<F, number>> = {},
): Record<string, Record<F, number>> {
  const entries = (json as { columns?: Record<string, Record<string, unknown> | undefined> } | null)?.columns ?? {};
  return Object.fromEntries(
    columns.map((name) => {
      const entry = entries[name];
      const values = fields.map((field) => {
        const value = entry?.[field];
        if (typeof value === 'number') return value;
        if (value === null && nullAs[field] !== undefined) return nullAs[field];
        throw planError('BAD_FITTED_STATE', `${description}: fitted JSON lacks ${fields.join('/')} for "${name}"`);
      });
      return [name, Object.fromEntries(fields.map((field, i) => [field, values[i]!])) as Record<F, number>];
    }),
  );
}

/** The JSON form of a per-column state: infinities become null (see readColumnNumbers). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
