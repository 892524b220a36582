import yargs, { type Argv, type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { availableParallelism } from 'node:os';
import { usageError } from '../errors.js';
import { explainCommand, explainOptions } from './commands/explain.js';
import { fitCommand, fitOptions } from './commands/fit.js';
import { genCommand, genOptions } from './commands/gen.js';
import { predictCommand, predictOptions } from './commands/predict.js';
import { runCommand, runOptions } from './commands/run.js';
import { transformCommand, transformOptions } from './commands/transform.js';
import { progressPrinter } from './progressPrinter.js';
import { exitCodeFor, formatError } from './reportError.js';
import type { CommandIO } from './session.js';


const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError' }));
});

interface GlobalArgs {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly workers?: number;
}

type Handler<A> = (args: A, io: CommandIO) => Promise<Record<string, unknown>>;

function execute<A>(handler: Handler<A>) {
  return async (args: A & GlobalArgs) => {
    // While a command runs, stdout carries only its result (exactly one JSON object with --json):
    // libraries that print, like tfjs' "install the node backend" hint, are sent to stderr.
    console.log = console.info = console.warn = console.error;
    try {
      const io: CommandIO = {
        json: args.json,
        progress: progressPrinter(process.stderr, args.quiet),
        say: args.quiet ? () => undefined : (message) => process.stderr.write(`${message}\n`),
        signal: controller.signal,
        workers: workerCount(args.workers),
      };
      const summary = await handler(args, io);
      if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else if (summary.command !== 'explain') process.stdout.write(humanSummary(summary));
      process.exitCode = 0;
    } catch (error) {
      process.stderr.write(`${formatError(error)}\n`);
      process.exitCode = exitCodeFor(error);
    }
    // Worker threads and tfjs timers must not keep a finished run alive.
    setImmediate(() => process.exit(process.exitCode ?? 0));
  };
}

function workerCount(requested: number | undefined): number {
  if (requested === undefined) return availableParallelism();
  if (!Number.isInteger(requested) || requested < 0) throw usageError('BAD_OPTION', `--workers must be a whole number ≥ 0, got ${requested}`);
  return requested;
}

/** A yargs command from an options builder and a handler that returns the run's summary. */
function command<A>(name: string, describe: string, options: (y: Argv) => unknown, handler: Handler<A>): CommandModule {
  return { command: name, describe, builder: options as unknown as CommandModule['builder'], handler: execute(handler) as unknown as CommandModule['handler'] };
}

function humanSummary(summary: Record<string, unknown>): string {
  const lines = Object.entries(summary)
    .filter(([key]) => key !== 'epochs' && key !== 'fitted')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const epochs = (summary.epochs ?? []) as Record<string, number>[];
  epochs.forEach((m, i) => {
    const cells = Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(4)}`);
    lines.push(`epoch ${i + 1}: ${cells.join(', ')}`);
  });
  return `${lines.join('\n')}\n`;
}

const cli = yargs(hideBin(process.argv))
  .scriptName('flow')
  .usage('flow: stream large CSV files through Arrow/RxJS operators, fit statistics, and train TensorFlow.js models\n\nUsage: $0 <command> [options]')
  .option('json', { type: 'boolean', default: false, describe: 'print one JSON summary on stdout; human output goes to stderr' })
  .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
  .option('workers', { type: 'number', describe: 'worker threads for parsing and operators (default: available cores; 0 = inline)' })
  .command(command('run <pipeline>', 'fit, transform and train: the whole pipeline', runOptions, runCommand))
  .command(command('fit <pipeline>', 'pass 1 only: fit the stateful operators and write their state as JSON', fitOptions, fitCommand))
  .command(command('transform <pipeline>', 'write the transformed rows to a .csv, Arrow IPC or Parquet file', transformOptions, transformCommand))
  .command(command('predict <modelDir>', 'apply a trained pipeline and its model to new rows', predictOptions, predictCommand))
  .command(command('explain <pipeline>', 'validate the pipeline and print its passes, without reading data rows', explainOptions, explainCommand))
  .command(command('gen <dataset>', 'write a synthetic dataset (binary or regression: the examples\' schemas)', genOptions, genCommand))
  .example('$0 run examples/binary.ts', 'train the example (generates data/binary.csv when missing)')
  .example('$0 run examples/binary.ts --input big.csv --epochs 1 --json', 'one epoch over your file, JSON summary on stdout')
  .example('$0 fit examples/binary.ts --input big.csv --out fitted.json', 'fit statistics only')
  .example('$0 predict out --input new.csv --out predictions.csv --keep id', 'score new rows with a trained model')
  .demandCommand(1, 'name a command: run, fit, transform, predict, explain or gen')
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`flow: error [USAGE]: ${message}\nRun \`flow --help\` for usage.\n`);
    process.exit(2);
  })
  .help()
  .wrap(Math.min(110, process.stdout.columns ?? 100));

await cli.parseAsync();
