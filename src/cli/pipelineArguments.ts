import type { Argv } from 'yargs';

/** The arguments every command that runs a pipeline file takes: the file, and `--input`. */
export function pipelineArguments<T>(yargs: Argv<T>) {
  return yargs
    .positional('pipeline', { type: 'string', demandOption: true, describe: 'pipeline definition file (.ts or .js) that exports default pipeline(...)' })
    .option('input', {
      type: 'string',
      describe: "data to read instead of the pipeline's source: a CSV file, or a Parquet file, directory of parts or glob",
    });
}
