import * as tf from '@tensorflow/tfjs';
import { usageError } from '../errors.js';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface BackendResult {
  /** The tfjs backend name that ran: `tensorflow`, `wasm` or `cpu`. */
  readonly name: string;
  /** Which package provided it, e.g. `@tensorflow/tfjs-node-gpu`. */
  readonly provider: string;
  /** Why each earlier candidate was skipped. */
  readonly skipped: readonly string[];
}

export interface Candidate {
  readonly provider: string;
  readonly backend: string;
  readonly load: () => Promise<unknown>;
}

// Native bindings are optional: tfjs-node-gpu installs only where CUDA and its download host are reachable.
const importOptional = (name: string) => import(/* @vite-ignore */ name);

export const CANDIDATES: Record<Exclude<BackendChoice, 'auto'>, readonly Candidate[]> = {
  tensorflow: [
    { provider: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow', load: () => importOptional('@tensorflow/tfjs-node-gpu') },
    { provider: '@tensorflow/tfjs-node', backend: 'tensorflow', load: () => importOptional('@tensorflow/tfjs-node') },
  ],
  wasm: [{ provider: '@tensorflow/tfjs-backend-wasm', backend: 'wasm', load: () => import('@tensorflow/tfjs-backend-wasm') }],
  cpu: [{ provider: '@tensorflow/tfjs (cpu)', backend: 'cpu', load: async () => undefined }],
};

/**
 * Picks the fastest backend that loads: tfjs-node-gpu, then tfjs-node, then wasm, then cpu
 * for `auto`; only the named one otherwise. A backend that fails to initialise is skipped
 * (auto) or reported as an error (explicit choice).
 */
export async function selectBackend(choice: BackendChoice, candidatesByChoice = CANDIDATES): Promise<BackendResult> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw usageError('UNKNOWN_BACKEND', `unknown backend "${choice}"; choose one of: ${BACKEND_CHOICES.join(', ')}`);
  }
  const table = candidatesByChoice;
  const candidates = choice === 'auto' ? [...table.tensorflow, ...table.wasm, ...table.cpu] : table[choice];
  const skipped: string[] = [];
  for (const candidate of candidates) {
    try {
      await candidate.load();
      if (!(await tf.setBackend(candidate.backend))) throw new Error(`tf.setBackend('${candidate.backend}') returned false`);
      await tf.ready();
      return { name: tf.getBackend(), provider: candidate.provider, skipped };
    } catch (error) {
      skipped.push(`${candidate.provider}: ${firstLine(error)}`);
    }
  }
  throw usageError('NO_BACKEND', `backend "${choice}" is not available here:\n  ${skipped.join('\n  ')}`);
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
