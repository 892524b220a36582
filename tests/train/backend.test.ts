import { describe, expect, it } from 'vitest';
import { CANDIDATES, selectBackend } from '../../src/train/backend.js';
import { FlowError } from '../../src/errors.js';

const broken = { provider: 'broken-wasm', backend: 'wasm', load: () => Promise.reject(new Error('could not initialise the wasm module')) };
const table = { ...CANDIDATES, tensorflow: [], wasm: [broken] };

describe('selectBackend', () => {
  it('auto falls back to the next backend when one fails to initialise, and says why', async () => {
    const result = await selectBackend('auto', table);
    expect(result.name).toBe('cpu');
    expect(result.skipped).toEqual(['broken-wasm: could not initialise the wasm module']);
  });

  it('an explicit backend that fails is a usage error listing the reason', async () => {
    const error = await selectBackend('wasm', table).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).code).toBe('NO_BACKEND');
    expect((error as FlowError).message).toContain('could not initialise the wasm module');
  });

  it('rejects an unknown backend name with the valid choices', async () => {
    await expect(selectBackend('gpu' as never)).rejects.toThrow(/choose one of: auto, tensorflow, wasm, cpu/);
  });
});
