/**
 * parquet-wasm's async reader can abort inside a promise callback on corrupt data (a Rust
 * panic is a WebAssembly trap, "unreachable"), which would surface as an uncaught error
 * and leave `work` pending forever. While `work` runs, such a trap rejects it instead, so
 * that the caller reports the file and row group. Reads are one at a time per thread,
 * so the trap belongs to this read. Any other uncaught error is rethrown as before.
 */
export function trapPanics<T>(work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (error: unknown) => {
      if (error instanceof Error && error.constructor.name === 'RuntimeError') {
        reject(new Error(`the decoder aborted (${error.message}); the file is corrupt or uses a feature parquet-wasm cannot read`));
        return;
      }
      stop();
      process.nextTick(() => {
        throw error;
      });
    };
    const stop = () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    };
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    work.then(resolve, reject).finally(stop);
  });
}
