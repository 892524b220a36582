import type { Schema } from 'apache-arrow';
import { CsvReader } from '../io/csv/csvSource.js';
import { parseChunk, projectedSchema, type CsvParseSpec, type ParsedChunk } from '../io/csv/parseChunk.js';
import { extentOf, type ChunkExtent, type CsvChunk } from '../io/csv/recordSplitter.js';
import type { SourceSpec } from '../plan/pipeline.js';

/** An opened source that yields parsed chunks of the requested columns, in file or given order. */
export class OpenSource {
  private constructor(readonly reader: CsvReader) {}

  static async open(spec: SourceSpec): Promise<OpenSource> {
    return new OpenSource(await CsvReader.open(spec));
  }

  get schema(): Schema {
    return this.reader.layout.schema;
  }

  get path(): string {
    return this.reader.spec.path;
  }

  get byteLength(): number {
    return this.reader.byteLength;
  }

  projection(columns: readonly string[]): { spec: CsvParseSpec; schema: Schema } {
    const spec = this.reader.parseSpec(columns);
    return { spec, schema: projectedSchema(this.schema, spec) };
  }

  /**
   * Raw chunks: in file order (recording each chunk's extent into `extents` when given),
   * or in the order of `order` (a permutation of extents recorded earlier).
   */
  async *chunks(options: { order?: readonly ChunkExtent[]; record?: ChunkExtent[]; signal?: AbortSignal } = {}): AsyncGenerator<CsvChunk> {
    // Every pass checks that the file is still the one the plan (and earlier passes) saw.
    await this.reader.assertUnchanged();
    if (options.order) {
      yield* this.reader.chunksAt(options.order, options.signal);
    } else {
      for await (const chunk of this.reader.chunks(options.signal)) {
        options.record?.push(extentOf(chunk));
        yield chunk;
      }
    }
    await this.reader.assertUnchanged();
  }

  parse(chunk: CsvChunk, projection: { spec: CsvParseSpec; schema: Schema }): ParsedChunk {
    return parseChunk(chunk, projection.spec, projection.schema);
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
