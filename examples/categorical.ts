// Categorical plus numeric features: impute, clip outliers, scale, one-hot encode, train.
//   npx flow run examples/categorical.ts          (generates data/binary.csv if missing)
//   npx flow explain examples/categorical.ts      (shows that the fits share passes)
import { clip, csv, fillNulls, oneHot, pipeline, select, standardScale, writeBinaryDataset } from '../src/index.js';

const numeric = Array.from({ length: 16 }, (_, i) => `f${i}`);
const withGaps = ['f3', 'f7', 'f11', 'f15'];

export default pipeline(csv('data/binary.csv'))
  .pipe(
    select([...numeric, 'cat', 'target']),
    fillNulls({ columns: withGaps, strategy: 'median' }),
    clip({ columns: numeric, lower: 0.001, upper: 0.999 }),
    standardScale(numeric),
    oneHot({ column: 'cat', maxCategories: 8 }),
  )
  .train({ label: 'target', epochs: 5, seed: 42 })
  .generateIfMissing((path) => writeBinaryDataset(path, { rows: 20_000, seed: 7 }));
