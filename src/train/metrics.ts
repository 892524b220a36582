/** Score bins for the streaming AUC: memory is constant, whatever the number of rows. */
const AUC_BINS = 1 << 16;

/**
 * Binary-classification metrics over a stream of predicted probabilities, in constant
 * memory. AUC comes from per-bin positive and negative counts over 65,536 equal-width
 * score bins (as tf.keras' AUC does with thresholds, but finer): pairs within one bin count
 * half, so the result differs from the exact rank AUC by at most half the share of
 * positive/negative pairs that share a bin (tested against the exact computation).
 */
export class BinaryMetrics {
  private lossSum = 0;
  private correct = 0;
  private count = 0;
  private readonly positives = new Float64Array(AUC_BINS);
  private readonly negatives = new Float64Array(AUC_BINS);

  /** Adds predicted probabilities `p` for labels `y` (0/1). */
  add(p: ArrayLike<number>, y: ArrayLike<number>): void {
    for (let i = 0; i < p.length; i++) {
      const prob = Math.min(Math.max(p[i]!, 1e-7), 1 - 1e-7); // tfjs' epsilon clipping
      const label = y[i]!;
      this.lossSum -= label * Math.log(prob) + (1 - label) * Math.log(1 - prob);
      if ((p[i]! >= 0.5 ? 1 : 0) === label) this.correct++;
      const bin = Math.min(AUC_BINS - 1, Math.max(0, Math.floor(p[i]! * AUC_BINS)));
      if (label === 1) this.positives[bin]!++;
      else this.negatives[bin]!++;
      this.count++;
    }
  }

  get rows(): number {
    return this.count;
  }

  loss(): number {
    return this.lossSum / this.count;
  }

  accuracy(): number {
    return this.correct / this.count;
  }

  /** ROC AUC: the share of (positive, negative) pairs ranked correctly, pairs in one bin half. */
  auc(): number {
    let negativesBelow = 0;
    let wins = 0;
    let positives = 0;
    for (let b = 0; b < AUC_BINS; b++) {
      const pos = this.positives[b]!;
      const neg = this.negatives[b]!;
      wins += pos * (negativesBelow + neg / 2);
      negativesBelow += neg;
      positives += pos;
    }
    if (positives === 0 || negativesBelow === 0) return NaN;
    return wins / (positives * negativesBelow);
  }
}

/** Exact ROC AUC by the rank-sum (Mann–Whitney) formula, ties half (the reference for tests). */

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Regression metrics over a stream of predictions: mean squared and mean absolute error. */
export class RegressionMetrics {
  private squared = 0;
  private absolute = 0;
  private count = 0;

  add(predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
    for (let i = 0; i < predicted.length; i++) {
      const error = predicted[i]! - actual[i]!;
      this.squared += error * error;
      this.absolute += Math.abs(error);
      this.count++;
    }
  }

  get rows(): number {
    return this.count;
  }

  mse(): number {
    return this.squared / this.count;
  }

  mae(): number {
    return this.absolute / this.count;
  }
}
