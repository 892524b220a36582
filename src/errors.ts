/**
 * One error family for flow. Every error has a stable `code` and a `category`:
 * - `input`: the data is wrong (missing file, ragged row, unparsable number, bad label);
 * - `plan`: the pipeline definition is wrong (unknown column, missing label);
 * - `usage`: the command line is wrong;
 * - `resources`: the machine ran out of something (disk, memory, a worker died);
 * - `internal`: a bug in flow.
 * User-facing categories are printed without a stack trace by the CLI.
 */
export type ErrorCategory = 'input' | 'plan' | 'usage' | 'resources' | 'internal';

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
}

export class FlowError extends Error {
  override readonly name: string = 'FlowError';
  readonly code: string;
  readonly category: ErrorCategory;
  readonly location: ErrorLocation;

  constructor(category: ErrorCategory, code: string, message: string, location: ErrorLocation = {}) {
    super(message);
    this.category = category;
    this.code = code;
    this.location = location;
  }

  /** True when the error is the user's to fix, so no stack trace is useful. */
  get isUserError(): boolean {
    return this.category !== 'internal';
  }
}

/** Formats `file:line, column "x"` for messages; omits what is unknown. */
export function describeLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file);
  else if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.column !== undefined) parts.push(`column "${location.column}"`);
  return parts.join(', ');
}

export function inputError(code: string, message: string, location: ErrorLocation = {}): FlowError {
  const where = describeLocation(location);
  return new FlowError('input', code, where ? `${where}: ${message}` : message, location);
}

export function planError(code: string, message: string): FlowError {
  return new FlowError('plan', code, message);
}

export function usageError(code: string, message: string): FlowError {
  return new FlowError('usage', code, message);
}

export function internalError(message: string): FlowError {
  return new FlowError('internal', 'INTERNAL', `internal error (this is a bug in flow): ${message}`);
}

/** "unknown column "x"; available: a, b, c" — the valid alternatives are always listed. */
export function unknownColumnError(column: string, available: readonly string[], context: string): FlowError {
  const suggestion = closestName(column, available);
  const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
  return planError(
    'UNKNOWN_COLUMN',
    `${context}: unknown column "${column}"${hint}; available columns: ${available.join(', ')}`,
  );
}

function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(current[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
