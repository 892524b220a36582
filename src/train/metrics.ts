/** Binary-classification metrics over a stream of predicted probabilities. */
export class BinaryMetrics {
  private lossSum = 0;
  private correct = 0;
  private count = 0;
  private scores: Float32Array = new Float32Array(1024);
  private labels: Uint8Array = new Uint8Array(1024);

  /** Adds predicted probabilities `p` for labels `y` (0/1). */
  add(p: ArrayLike<number>, y: ArrayLike<number>): void {
    this.reserve(this.count + p.length);
    for (let i = 0; i < p.length; i++) {
      const prob = Math.min(Math.max(p[i]!, 1e-7), 1 - 1e-7); // tfjs' epsilon clipping
      const label = y[i]!;
      this.lossSum -= label * Math.log(prob) + (1 - label) * Math.log(1 - prob);
      if ((p[i]! >= 0.5 ? 1 : 0) === label) this.correct++;
      this.scores[this.count] = p[i]!;
      this.labels[this.count++] = label;
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

  /** ROC AUC by the rank-sum (Mann–Whitney) formula, with ties given half credit. */
  auc(): number {
    return rocAuc(this.scores.subarray(0, this.count), this.labels.subarray(0, this.count));
  }

  private reserve(n: number): void {
    if (n <= this.scores.length) return;
    const size = Math.max(n, this.scores.length * 2);
    const scores = new Float32Array(size);
    scores.set(this.scores);
    const labels = new Uint8Array(size);
    labels.set(this.labels);
    this.scores = scores;
    this.labels = labels;
  }
}

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
