// The binary example over Parquet. `parquet(path)` takes a file, a directory of part files
// (Spark/DuckDB/Polars layouts) or a glob; only the columns each pass uses are read.
//   npx flow run examples/parquet.ts        (writes data/binary.parquet if missing)
import { asParquet, dropNulls, parquet, pipeline, select, standardScale, writeBinaryDataset } from '../src/index.js';

const features = Array.from({ length: 16 }, (_, i) => `f${i}`);

export default pipeline(parquet('data/binary.parquet'))
  .pipe(dropNulls(features), select([...features, 'target']), standardScale(features))
  .train({ label: 'target', features, epochs: 10, batchSize: 32, seed: 42 })
  .generateIfMissing((path) => asParquet(path, (csvPath) => writeBinaryDataset(csvPath, { rows: 20_000, seed: 7 })));
