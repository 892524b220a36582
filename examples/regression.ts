// Regression with mean squared error: impute, scale, train the MLP with a linear output.
//   npx flow run examples/regression.ts           (generates data/regression.csv if missing)
import { csv, fillNulls, pipeline, select, standardScale, writeRegressionDataset } from '../src/index.js';

const features = Array.from({ length: 8 }, (_, i) => `x${i}`);

export default pipeline(csv('data/regression.csv'))
  .pipe(select([...features, 'y']), fillNulls({ columns: ['x2'], strategy: 'mean' }), standardScale(features))
  .train({ task: 'regression', label: 'y', features, epochs: 10, seed: 42 })
  .generateIfMissing((path) => writeRegressionDataset(path, { rows: 20_000, seed: 11 }));
