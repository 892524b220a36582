import type { RecordBatch } from 'apache-arrow';
import type { OperatorFunction } from 'rxjs';
import { sourceForInput, type SourceSpec } from '../io/sourceSpec.js';
import type { TrainOptions } from '../train/trainOptions.js';

export type { SourceSpec };
export type BatchOperator = OperatorFunction<RecordBatch, RecordBatch>;

/** Writes sample data to `path`; used when the source file is missing and no input was given. */
export type SampleGenerator = (path: string) => Promise<void>;

/**
 * An immutable pipeline definition: a source, a chain of RxJS batch operators, and
 * optionally a training step. Nothing runs until the CLI or `runPipeline` plans it.
 *
 * @example
 * export default pipeline(csv('data/train.csv'))
 *   .pipe(dropNulls(features), select([...features, 'target']), standardScale(features))
 *   .train({ label: 'target', features });
 */
export class Pipeline {
  private constructor(
    readonly source: SourceSpec,
    readonly operators: readonly BatchOperator[],
    readonly training: TrainOptions | undefined,
    readonly sampleGenerator: SampleGenerator | undefined,
  ) {}

  static from(source: SourceSpec): Pipeline {
    return new Pipeline(source, [], undefined, undefined);
  }

  /** Appends operators, exactly as RxJS `pipe` does; any RxJS operator over RecordBatch fits. */
  pipe(...operators: BatchOperator[]): Pipeline {
    return new Pipeline(this.source, [...this.operators, ...operators], this.training, this.sampleGenerator);
  }

  /** Sets the training step that consumes the pipeline's output. */
  train(options: TrainOptions): Pipeline {
    return new Pipeline(this.source, this.operators, options, this.sampleGenerator);
  }

  /** Generates sample data when the source file does not exist and no `--input` was given. */
  generateIfMissing(generator: SampleGenerator): Pipeline {
    return new Pipeline(this.source, this.operators, this.training, generator);
  }

  /** The same pipeline reading another file (same options when it is the same kind of source; see sourceForInput). */
  withInput(path: string): Pipeline {
    return new Pipeline(sourceForInput(this.source, path), this.operators, this.training, undefined);
  }
}

export function pipeline(source: SourceSpec): Pipeline {
  return Pipeline.from(source);
}

export function isPipeline(value: unknown): value is Pipeline {
  return value instanceof Pipeline;
}
