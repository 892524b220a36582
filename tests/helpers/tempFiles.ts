import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const root = fileURLToPath(new URL('../../.test-tmp/', import.meta.url));

/**
 * A temporary directory for this test file, removed after its tests. It lives inside the
 * repository (git-ignored), so pipeline files written there resolve the project's packages
 * and are ES modules like the project's own.
 */
export function tempDirectory(): string {
  mkdirSync(root, { recursive: true });
  const directory = mkdtempSync(join(root, 'flow-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

let counter = 0;

export function writeTemp(directory: string, content: string | Uint8Array, name = `f${counter++}.csv`): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}
