/**
 * Mergeable mean/variance per column: `{count, mean, m2}` as typed arrays.
 *
 * Each batch contributes an exact two-pass partial (mean, then the sum of squared
 * deviations), folded in with Chan et al.'s parallel formula:
 *   n = na + nb;  delta = mb - ma;  mean = ma + delta * nb / n;
 *   m2 = m2a + m2b + delta^2 * na * nb / n
 * Empty partials are skipped, so merging any split of the data, in any order,
 * equals computing over the whole, up to floating-point rounding.
 */
export interface WelfordState {
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
}

export function emptyWelford(columns: number): WelfordState {
  return { count: new Float64Array(columns), mean: new Float64Array(columns), m2: new Float64Array(columns) };
}

/** Folds the valid values of one column (validity may be undefined when nothing is null). */
export function welfordUpdate(
  state: WelfordState,
  column: number,
  values: ArrayLike<number>,
  validity?: { readonly bitmap: Uint8Array; readonly offset: number },
): void {
  let count = 0;
  let sum = 0;
  const n = values.length;
  if (validity) {
    const { bitmap, offset } = validity;
    for (let i = 0; i < n; i++) {
      const bit = offset + i;
      if ((bitmap[bit >> 3]! >> (bit & 7)) & 1) {
        sum += values[i]!;
        count++;
      }
    }
    if (count === 0) return;
    const mean = sum / count;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const bit = offset + i;
      if ((bitmap[bit >> 3]! >> (bit & 7)) & 1) {
        const d = values[i]! - mean;
        m2 += d * d;
      }
    }
    mergeInto(state, column, count, mean, m2);
    return;
  }
  if (n === 0) return;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    m2 += d * d;
  }
  mergeInto(state, column, n, mean, m2);
}

/** Merges `other` into `state`, column by column (Chan's formula). */
export function welfordMerge(state: WelfordState, other: WelfordState): void {
  for (let c = 0; c < state.count.length; c++) {
    mergeInto(state, c, other.count[c]!, other.mean[c]!, other.m2[c]!);
  }
}

function mergeInto(state: WelfordState, c: number, nb: number, mb: number, m2b: number): void {
  if (nb === 0) return;
  const na = state.count[c]!;
  if (na === 0) {
    state.count[c] = nb;
    state.mean[c] = mb;
    state.m2[c] = m2b;
    return;
  }
  const n = na + nb;
  const delta = mb - state.mean[c]!;
  state.count[c] = n;
  state.mean[c] = state.mean[c]! + (delta * nb) / n;
  state.m2[c] = state.m2[c]! + m2b + (delta * delta * na * nb) / n;
}

/** Population variance (divides by n, as scikit-learn's StandardScaler does); NaN when empty. */
export function populationVariance(state: WelfordState, column: number): number {
  const n = state.count[column]!;
  return n === 0 ? NaN : state.m2[column]! / n;
}
