import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowBlock } from './rowBlock.js';

interface BlockExtent {
  readonly offset: number;
  readonly rows: number;
}

/**
 * An on-disk cache of transformed rows (like tf.data's `cache(filename)`): blocks of
 * Float32 features and labels, appended during epoch 1 and read back in any block order.
 * Bytes per row: 4 × (features + 1).
 */
export class RowCache {
  private readonly blocks: BlockExtent[] = [];
  private size = 0;

  private constructor(
    private readonly file: FileHandle,
    readonly path: string,
    private readonly width: number,
  ) {}

  static async create(directory: string, name: string, width: number): Promise<RowCache> {
    const path = join(directory, name);
    return new RowCache(await open(path, 'w+'), path, width);
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  get rows(): number {
    return this.blocks.reduce((n, b) => n + b.rows, 0);
  }

  async append(block: RowBlock): Promise<void> {
    if (block.rows === 0) return;
    const x = new Uint8Array(block.x.buffer, block.x.byteOffset, block.x.byteLength);
    const y = new Uint8Array(block.y.buffer, block.y.byteOffset, block.y.byteLength);
    await this.file.write(x, 0, x.length, this.size);
    await this.file.write(y, 0, y.length, this.size + x.length);
    this.blocks.push({ offset: this.size, rows: block.rows });
    this.size += x.length + y.length;
  }

  /** Reads blocks in the given order of block indices (default: as written). */
  async *read(order?: readonly number[]): AsyncGenerator<RowBlock> {
    for (const index of order ?? this.blocks.map((_, i) => i)) {
      const { offset, rows } = this.blocks[index]!;
      const bytes = new Uint8Array(rows * (this.width + 1) * 4);
      await this.file.read(bytes, 0, bytes.length, offset);
      yield {
        rows,
        x: new Float32Array(bytes.buffer, 0, rows * this.width),
        y: new Float32Array(bytes.buffer, rows * this.width * 4, rows),
      };
    }
  }

  async dispose(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
