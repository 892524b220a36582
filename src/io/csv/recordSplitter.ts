import type { FileHandle } from 'node:fs/promises';
import { inputError } from '../../errors.js';
import { LF, type CsvDialect } from './dialect.js';

/**
 * A run of whole CSV records read from a file: the unit of parsing and of parallel work.
 * `bytes` owns its ArrayBuffer, so it can be transferred to a worker without a copy.
 */
export interface CsvChunk {
  /** Position of this chunk in file order. */
  readonly index: number;
  readonly byteOffset: number;
  readonly bytes: Uint8Array;
  /** 1-based physical line of the first byte. */
  readonly firstLine: number;
  /** Upper bound on the records in the chunk (blank lines count here, but yield no row). */
  readonly records: number;
}

/** Where a chunk lies in the file, so that it can be read again in any order. */
export interface ChunkExtent {
  readonly index: number;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly firstLine: number;
  readonly records: number;
}

export interface SplitOptions {
  readonly dialect: CsvDialect;
  /** File offset at which records start (after the BOM and header). */
  readonly startOffset: number;
  readonly firstLine: number;
  /** A chunk ends after this many records... */
  readonly recordsPerChunk: number;
  /** ...or at the first record boundary past this many bytes, whichever comes first. */
  readonly maxChunkBytes: number;
  /** Size of each read from disk. */
  readonly readBytes: number;
  readonly signal?: AbortSignal;
}

/**
 * Reads `file` sequentially in bounded blocks and yields chunks cut at record boundaries.
 * The scan is quote-aware, so a newline inside a quoted field never splits a record.
 * Chunk boundaries depend only on the data and on recordsPerChunk/maxChunkBytes,
 * never on readBytes, so results are identical for any read size.
 * Memory held: one chunk being assembled plus one read block.
 */
export async function* splitRecords(file: FileHandle, options: SplitOptions): AsyncGenerator<CsvChunk> {
  const quote = options.dialect.quote;
  let pieces: Uint8Array[] = [];
  let piecesBytes = 0;
  let chunkOffset = options.startOffset;
  let chunkFirstLine = options.firstLine;
  let line = options.firstLine;
  let records = 0;
  let inQuote = false;
  let index = 0;
  let position = options.startOffset;

  const cut = (block: Uint8Array, end: number): CsvChunk => {
    const total = piecesBytes + end;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const piece of pieces) {
      bytes.set(piece, at);
      at += piece.length;
    }
    bytes.set(block.subarray(0, end), at);
    const chunk: CsvChunk = { index: index++, byteOffset: chunkOffset, bytes, firstLine: chunkFirstLine, records };
    chunkOffset += total;
    chunkFirstLine = line;
    records = 0;
    pieces = [];
    piecesBytes = 0;
    return chunk;
  };

  for (;;) {
    options.signal?.throwIfAborted();
    let block: Uint8Array = Buffer.allocUnsafe(options.readBytes);
    const { bytesRead } = await file.read(block, 0, block.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    block = block.subarray(0, bytesRead);
    let pos = 0;
    let nextQuote = -2; // unknown
    while (pos < block.length) {
      if (inQuote) {
        const q = block.indexOf(quote, pos);
        const stop = q < 0 ? block.length : q;
        for (let k = block.indexOf(LF, pos); k >= 0 && k < stop; k = block.indexOf(LF, k + 1)) line++;
        if (q < 0) {
          pos = block.length;
          break;
        }
        inQuote = false;
        pos = q + 1;
        nextQuote = -2;
        continue;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = block.indexOf(quote, pos);
      const nl = block.indexOf(LF, pos);
      if (nextQuote >= 0 && (nl < 0 || nextQuote < nl)) {
        inQuote = true;
        pos = nextQuote + 1;
        continue;
      }
      if (nl < 0) break;
      line++;
      records++;
      pos = nl + 1;
      if (records >= options.recordsPerChunk || piecesBytes + pos >= options.maxChunkBytes) {
        yield cut(block, pos);
        block = block.subarray(pos);
        pos = 0;
        nextQuote = -2;
      }
    }
    if (block.length > 0) {
      pieces.push(block);
      piecesBytes += block.length;
    }
  }
  if (piecesBytes > 0) {
    records++;
    yield cut(new Uint8Array(0), 0);
  }
}

/** Reads the chunk at `extent` again, into a buffer it owns. */
export async function readChunk(file: FileHandle, path: string, extent: ChunkExtent): Promise<CsvChunk> {
  const bytes = new Uint8Array(extent.byteLength);
  let done = 0;
  while (done < extent.byteLength) {
    const { bytesRead } = await file.read(bytes, done, extent.byteLength - done, extent.byteOffset + done);
    if (bytesRead === 0) {
      throw inputError('FILE_CHANGED', 'the file became shorter while it was being read', { file: path, line: extent.firstLine });
    }
    done += bytesRead;
  }
  return { index: extent.index, byteOffset: extent.byteOffset, bytes, firstLine: extent.firstLine, records: extent.records };
}

export function extentOf(chunk: CsvChunk): ChunkExtent {
  return {
    index: chunk.index,
    byteOffset: chunk.byteOffset,
    byteLength: chunk.bytes.length,
    firstLine: chunk.firstLine,
    records: chunk.records,
  };
}
