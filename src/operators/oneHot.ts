import { isNumericType } from '../io/arrow/numeric.js';
import { Field, Float64, Schema, Type, type Data, type RecordBatch } from 'apache-arrow';
import { planError } from '../errors.js';
import { float64Data, isValid } from '../io/arrow/columns.js';
import { withColumns } from './columnKernels.js';
import { statefulOperator, type StatefulOperator } from './flowOperator.js';
import { requireColumns } from './schemaChecks.js';
import type { Accumulator, StatefulStage } from './stage.js';
import { selectBatch } from './select.js';

export interface OneHotOptions {
  /** The categorical column (Utf8 or Float64; numbers are categories by their text). */
  readonly column: string;
  /** Output slots for known categories (the most frequent ones); one more catches the rest. */
  readonly maxCategories: number;
  /** A category seen fewer times than this goes to the unknown slot (default 1). */
  readonly minFrequency?: number;
}

/** The fitted vocabulary: category → slot, most frequent first (ties by text). */
export interface Vocabulary {
  readonly categories: readonly string[];
}

/**
 * The output columns: `column#0` … `column#(maxCategories - 1)` for the vocabulary, in
 * frequency order, and `column#unknown` for categories not in it (unseen, rare, or null).
 * Their names do not depend on the data, so the plan knows the schema before any fit.
 */
export function oneHotColumns(options: OneHotOptions): string[] {
  return [...Array.from({ length: options.maxCategories }, (_, i) => `${options.column}#${i}`), `${options.column}#unknown`];
}

/** The kernel: replaces the categorical column by its one-hot Float64 columns. */
export function oneHotBatch(batch: RecordBatch, options: OneHotOptions, vocabulary: Vocabulary): RecordBatch {
  const index = batch.schema.fields.findIndex((f) => f.name === options.column);
  const data = batch.data.children[index]!;
  const slots = new Map(vocabulary.categories.map((c, i) => [c, i]));
  const names = oneHotColumns(options);
  const columns = names.map(() => new Float64Array(batch.numRows));
  const vector = batch.getChildAt(index)!;
  for (let r = 0; r < batch.numRows; r++) {
    const slot = isValid(data, r) ? slots.get(String(vector.get(r))) : undefined;
    columns[slot ?? options.maxCategories]![r] = 1;
  }
  const others = batch.schema.fields.map((f) => f.name).filter((n) => n !== options.column);
  return withColumns(selectBatch(batch, others), new Map(names.map((name, i): [string, Data] => [name, float64Data(columns[i]!)])));
}

/**
 * One-hot encodes a categorical column with a vocabulary fitted over the whole input: the
 * `maxCategories` most frequent categories seen at least `minFrequency` times, plus an
 * unknown slot for everything else (values unseen at fit time included). Category counts
 * are mergeable across workers; ties are broken by the category text, so the vocabulary
 * does not depend on the worker count.
 *
 * @example
 * pipeline(source).pipe(oneHot({ column: 'cat', maxCategories: 8 }))
 */
export function oneHot(options: OneHotOptions): StatefulOperator<Vocabulary> {
  return statefulOperator(oneHotStage(options));
}

function oneHotStage(options: OneHotOptions): StatefulStage<Vocabulary, [string[], number[]]> {
  const { column, maxCategories } = options;
  const minFrequency = options.minFrequency ?? 1;
  if (!Number.isInteger(maxCategories) || maxCategories < 1) throw planError('BAD_OPTION', `oneHot(${column}): maxCategories must be a positive integer`);
  const description = `oneHot(${column}, ${maxCategories} categories${minFrequency > 1 ? `, min ${minFrequency}` : ''})`;
  const outputSchema = (input: Schema): Schema => {
    requireColumns(input, [column], 'oneHot');
    const kept = input.fields.filter((f) => f.name !== column);
    return new Schema([...kept, ...oneHotColumns(options).map((name) => new Field(name, new Float64(), true))], input.metadata);
  };
  const inputColumns = (needed: ReadonlySet<string>) => {
    const produced = new Set(oneHotColumns(options));
    return new Set([...[...needed].filter((n) => !produced.has(n)), column]);
  };
  return {
    type: 'stateful',
    name: 'oneHot',
    description,
    fitColumns: [column],
    modifies: { columns: [column], rows: false },
    outputSchema(input) {
      const field = input.fields.find((f) => f.name === column);
      if (field && field.typeId !== Type.Utf8 && !isNumericType(field.type)) throw planError('BAD_TYPE', `oneHot: column "${column}" is ${String(field.type)}; expected Utf8 or a numeric type`);
      return outputSchema(input);
    },
    inputColumns,
    createAccumulator(): Accumulator<[string[], number[]], Vocabulary> {
      const counts = new Map<string, number>();
      return {
        update(batch) {
          const index = batch.schema.fields.findIndex((f) => f.name === column);
          const data = batch.data.children[index]!;
          const vector = batch.getChildAt(index)!;
          for (let r = 0; r < batch.numRows; r++) {
            if (!isValid(data, r)) continue;
            const key = String(vector.get(r));
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        },
        partial: () => [[...counts.keys()], [...counts.values()]],
        merge([keys, values]) {
          keys.forEach((key, i) => counts.set(key, (counts.get(key) ?? 0) + values[i]!));
        },
        finalize() {
          const ranked = [...counts.entries()].filter(([, n]) => n >= minFrequency).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          return { categories: ranked.slice(0, maxCategories).map(([key]) => key) };
        },
      };
    },
    bind: (vocabulary) => ({
      type: 'stateless',
      name: 'oneHot',
      description: `${description} [fitted]`,
      outputSchema,
      inputColumns,
      apply: (batch) => oneHotBatch(batch, options, vocabulary),
    }),
    stateToJSON: (vocabulary) => ({ categories: vocabulary.categories }),
    stateFromJSON(json) {
      const categories = (json as { categories?: unknown }).categories;
      if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string')) throw planError('BAD_FITTED_STATE', `${description}: fitted JSON lacks its categories`);
      return { categories };
    },
  };
}
