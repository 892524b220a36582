import type { Argv } from 'yargs';
import { writeBinaryDataset } from '../../gen/binaryDataset.js';
import { writeRegressionDataset } from '../../gen/regressionDataset.js';
import { usageError } from '../../errors.js';
import type { CommandIO } from '../session.js';

export function genOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('dataset', { type: 'string', choices: ['binary', 'regression'], demandOption: true, describe: 'which synthetic dataset' })
    .option('rows', { type: 'number', default: 20_000, describe: 'number of rows' })
    .option('out', { type: 'string', demandOption: true, describe: 'CSV file to write (atomically)' })
    .option('seed', { type: 'number', default: 7, describe: 'random seed' });
}

/** `flow gen binary`: writes the example dataset. */
export async function genCommand(args: { dataset: string; rows: number; out: string; seed: number }, io: CommandIO): Promise<Record<string, unknown>> {
  if (!Number.isInteger(args.rows) || args.rows < 0) throw usageError('BAD_OPTION', `--rows must be a non-negative integer, got ${args.rows}`);
  const started = performance.now();
  const write = args.dataset === 'regression' ? writeRegressionDataset : writeBinaryDataset;
  await write(args.out, { rows: args.rows, seed: args.seed });
  io.say(`flow: wrote ${args.rows.toLocaleString('en-US')} rows to ${args.out}`);
  return { command: 'gen', dataset: args.dataset, out: args.out, rows: args.rows, seconds: (performance.now() - started) / 1000 };
}
