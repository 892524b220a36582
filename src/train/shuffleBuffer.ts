import type { Rng } from './random.js';
import type { RowBlock } from './rowBlock.js';

/** A fixed-size minibatch of row-major features and labels (the last of an epoch may be short). */
export interface Minibatch {
  readonly rows: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/**
 * tf.data-style shuffle buffer feeding fixed-size minibatches. Once `capacity` rows are
 * held, each incoming row evicts a uniformly chosen resident row into the current
 * minibatch. Memory: capacity rows plus one chunk's worth of finished minibatches.
 */
export class ShuffleBatcher {
  private readonly rowsX: Float32Array;
  private readonly rowsY: Float32Array;
  private size = 0;
  private batchX: Float32Array;
  private batchY: Float32Array;
  private batchRows = 0;
  private ready: Minibatch[] = [];

  constructor(
    private readonly width: number,
    private readonly capacity: number,
    private readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    this.rowsX = new Float32Array(capacity * width);
    this.rowsY = new Float32Array(capacity);
    this.batchX = new Float32Array(batchSize * width);
    this.batchY = new Float32Array(batchSize);
  }

  /** Adds a block's rows; returns the minibatches completed meanwhile. */
  add(block: RowBlock): Minibatch[] {
    const { width } = this;
    for (let r = 0; r < block.rows; r++) {
      if (this.size < this.capacity) {
        this.rowsX.set(block.x.subarray(r * width, (r + 1) * width), this.size * width);
        this.rowsY[this.size++] = block.y[r]!;
        continue;
      }
      const j = this.rng.int(this.capacity);
      this.emit(j);
      this.rowsX.set(block.x.subarray(r * width, (r + 1) * width), j * width);
      this.rowsY[j] = block.y[r]!;
    }
    return this.take();
  }

  /** Empties the buffer in random order at the end of an epoch, including a short last minibatch. */
  drain(): Minibatch[] {
    while (this.size > 0) {
      const j = this.rng.int(this.size);
      this.emit(j);
      const last = --this.size;
      this.rowsX.copyWithin(j * this.width, last * this.width, (last + 1) * this.width);
      this.rowsY[j] = this.rowsY[last]!;
    }
    if (this.batchRows > 0) {
      this.ready.push({ rows: this.batchRows, x: this.batchX.subarray(0, this.batchRows * this.width), y: this.batchY.subarray(0, this.batchRows) });
      this.batchRows = 0;
      this.batchX = new Float32Array(this.batchSize * this.width);
      this.batchY = new Float32Array(this.batchSize);
    }
    return this.take();
  }

  private emit(j: number): void {
    const { width } = this;
    this.batchX.set(this.rowsX.subarray(j * width, (j + 1) * width), this.batchRows * width);
    this.batchY[this.batchRows++] = this.rowsY[j]!;
    if (this.batchRows === this.batchSize) {
      this.ready.push({ rows: this.batchSize, x: this.batchX, y: this.batchY });
      this.batchX = new Float32Array(this.batchSize * width);
      this.batchY = new Float32Array(this.batchSize);
      this.batchRows = 0;
    }
  }

  private take(): Minibatch[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
