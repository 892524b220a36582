import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary directory for this test file, removed after its tests. */
export function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'flow-test-'));
  // Pipeline files written here are ES modules, as in the project itself.
  writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

let counter = 0;

export function writeTemp(directory: string, content: string | Uint8Array, name = `f${counter++}.csv`): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}
