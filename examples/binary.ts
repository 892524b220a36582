// The binary-classification example: clean, standardize and train an MLP on a CSV.
//   npx flow run examples/binary.ts                 (generates data/binary.csv if missing)
//   npx flow run examples/binary.ts --input big.csv --epochs 1 --json
import { csv, dropNulls, pipeline, select, standardScale, writeBinaryDataset } from '../src/index.js';

const features = Array.from({ length: 16 }, (_, i) => `f${i}`);

export default pipeline(csv('data/binary.csv'))
  .pipe(dropNulls(features), select([...features, 'target']), standardScale(features))
  .train({ label: 'target', features, epochs: 10, batchSize: 32, seed: 42 })
  .generateIfMissing((path) => writeBinaryDataset(path, { rows: 20_000, seed: 7 }));
