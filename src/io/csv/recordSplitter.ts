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
 * Memory held: one buffer of about one chunk, reused.
 */
export async function* splitRecords(file: FileHandle, options: SplitOptions): AsyncGenerator<CsvChunk> {
  const quote = options.dialect.quote;
  // Bytes read but not yet cut into a chunk live at the front of one reused buffer, which
  // grows (rarely) to hold the longest chunk; each chunk is copied out once, into a buffer
  // of its own that can be transferred.
  let held = new Uint8Array(Math.max(2 * options.readBytes, 1 << 20));
  let heldBytes = 0;
  let scanned = 0;
  let chunkOffset = options.startOffset;
  let chunkFirstLine = options.firstLine;
  let line = options.firstLine;
  let records = 0;
  let inQuote = false;
  let index = 0;
  let position = options.startOffset;

  const cut = (end: number): CsvChunk => {
    const bytes = held.slice(0, end);
    held.copyWithin(0, end, heldBytes);
    heldBytes -= end;
    const chunk: CsvChunk = { index: index++, byteOffset: chunkOffset, bytes, firstLine: chunkFirstLine, records };
    chunkOffset += end;
    chunkFirstLine = line;
    records = 0;
    return chunk;
  };

  for (;;) {
    options.signal?.throwIfAborted();
    if (heldBytes + options.readBytes > held.length) {
      const grown = new Uint8Array(Math.max(2 * held.length, heldBytes + options.readBytes));
      grown.set(held.subarray(0, heldBytes));
      held = grown;
    }
    const { bytesRead } = await file.read(held, heldBytes, options.readBytes, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    heldBytes += bytesRead;
    let pos = scanned;
    let nextQuote = -2; // unknown
    let view = held.subarray(0, heldBytes);
    while (pos < heldBytes) {
      if (inQuote) {
        const q = view.indexOf(quote, pos);
        const stop = q < 0 ? heldBytes : q;
        for (let k = view.indexOf(LF, pos); k >= 0 && k < stop; k = view.indexOf(LF, k + 1)) line++;
        if (q < 0) {
          pos = heldBytes;
          break;
        }
        inQuote = false;
        pos = q + 1;
        nextQuote = -2;
        continue;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = view.indexOf(quote, pos);
      const nl = view.indexOf(LF, pos);
      if (nextQuote >= 0 && (nl < 0 || nextQuote < nl)) {
        inQuote = true;
        pos = nextQuote + 1;
        continue;
      }
      if (nl < 0) {
        pos = heldBytes;
        break;
      }
      line++;
      records++;
      pos = nl + 1;
      if (records >= options.recordsPerChunk || pos >= options.maxChunkBytes) {
        yield cut(pos);
        view = held.subarray(0, heldBytes);
        pos = 0;
        nextQuote = -2;
      }
    }
    scanned = pos;
  }
  if (heldBytes > 0) {
    records++;
    yield cut(heldBytes);
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
