import { FlowError } from '../errors.js';

/** Exit codes: 1 bad input or plan, 2 bad usage, 3 resources, 70 internal error, 130 interrupted. */
export function exitCodeFor(error: unknown): number {
  if (isAbort(error)) return 130;
  if (error instanceof FlowError) {
    switch (error.category) {
      case 'input':
      case 'plan':
        return 1;
      case 'usage':
        return 2;
      case 'resources':
        return 3;
      case 'internal':
        return 70;
    }
  }
  return 70;
}

/** The message for stderr: no stack trace for the user's errors, the full one for bugs. */
export function formatError(error: unknown): string {
  if (isAbort(error)) return 'flow: interrupted; stopped and removed partial output';
  if (error instanceof FlowError && error.isUserError) return `flow: error [${error.code}]: ${error.message}`;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `flow: internal error (please report it):\n${stack}`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
