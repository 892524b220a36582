import type { Argv } from 'yargs';
import { pipelineArguments } from '../pipelineArguments.js';
import { describePlan } from '../../plan/plan.js';
import { openSession, type CommandIO } from '../session.js';

export function explainOptions<T>(yargs: Argv<T>) {
  return pipelineArguments(yargs);
}

/** `flow explain`: validates the pipeline and prints its passes; reads only the CSV header and a type sample, or the Parquet footers. */
export async function explainCommand(args: { pipeline: string; input?: string }, io: CommandIO): Promise<Record<string, unknown>> {
  const { source, plan } = await openSession(args.pipeline, args.input, {}, { ...io, workers: 0 });
  await source.close();
  const text = `source: ${source.describe()}\n${describePlan(plan)}`;
  if (!io.json) process.stdout.write(`${text}\n`);
  return { command: 'explain', plan: text.split('\n') };
}
