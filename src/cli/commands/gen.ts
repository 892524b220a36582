import type { Argv } from 'yargs';
import { extname } from 'node:path';
import { asParquet } from '../../gen/asParquet.js';
import { writeBinaryDataset } from '../../gen/binaryDataset.js';
import { writeRegressionDataset } from '../../gen/regressionDataset.js';
import { usageError } from '../../errors.js';
import type { CommandIO } from '../session.js';

export function genOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('dataset', { type: 'string', choices: ['binary', 'regression'], demandOption: true, describe: 'which synthetic dataset' })
    .option('rows', { type: 'number', default: 20_000, describe: 'number of rows' })
    .option('out', { type: 'string', demandOption: true, describe: 'file to write (atomically): CSV, or Parquet for a .parquet name' })
    .option('seed', { type: 'number', default: 7, describe: 'random seed' });
}

/** `flow gen binary`: writes the example dataset as CSV or Parquet. */
export async function genCommand(args: { dataset: string; rows: number; out: string; seed: number }, io: CommandIO): Promise<Record<string, unknown>> {
  if (!Number.isInteger(args.rows) || args.rows < 0) throw usageError('BAD_OPTION', `--rows must be a non-negative integer, got ${args.rows}`);
  const started = performance.now();
  const write = args.dataset === 'regression' ? writeRegressionDataset : writeBinaryDataset;
  const options = { rows: args.rows, seed: args.seed };
  if (extname(args.out).toLowerCase() === '.parquet') await asParquet(args.out, (csvPath) => write(csvPath, options));
  else await write(args.out, options);
  io.say(`flow: wrote ${args.rows.toLocaleString('en-US')} rows to ${args.out}`);
  return { command: 'gen', dataset: args.dataset, out: args.out, rows: args.rows, seconds: (performance.now() - started) / 1000 };
}
