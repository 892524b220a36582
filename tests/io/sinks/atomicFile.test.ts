import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import { AtomicFile, writeFileAtomic } from '../../../src/io/sinks/atomicFile.js';
import { tempDirectory } from '../../helpers/tempFiles.js';

const dir = tempDirectory();

describe('AtomicFile', () => {
  it('appears only on commit', async () => {
    const path = join(dir, 'a.txt');
    const file = await AtomicFile.create(path);
    await file.write('hello');
    expect(existsSync(path)).toBe(false);
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('a full disk fails with DISK_FULL and leaves no partial file', async () => {
    const path = join(dir, 'full.txt');
    const file = await AtomicFile.create(path);
    await file.write('some bytes');
    // Simulate ENOSPC on the next write, as a full disk reports it.
    const handle = file.handle as unknown as { write: () => Promise<never> };
    handle.write = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const error = await file.write('more').then(() => undefined, (e: unknown) => e);
    await file.abort();
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).code).toBe('DISK_FULL');
    expect((error as FlowError).message).toMatch(/full\.txt: no space left on device; nothing was written/);
    expect(readdirSync(dir).filter((n) => n.includes('full.txt'))).toEqual([]);
    const viaHelper = await writeFileAtomic(join(dir, 'missing-dir', 'x.txt'), 'x').catch((e: unknown) => e as FlowError);
    expect(viaHelper!.code).toBe('BAD_OUTPUT_PATH');
  });
});
