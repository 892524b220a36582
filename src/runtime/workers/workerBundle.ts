import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HANDLER = fileURLToPath(new URL('./chunkWorker.ts', import.meta.url));
const CACHE = fileURLToPath(new URL('../../../node_modules/.cache/flow/', import.meta.url));

/**
 * Bundles the worker handler together with the pipeline module into one JavaScript file,
 * so worker threads start without a TypeScript loader: faster, and about 40 MB less memory
 * each. Packages stay external and resolve from flow's node_modules; the pipeline module and
 * the handler share one copy of flow's own modules. Bundles are cached by content hash.
 */
export async function bundleWorker(pipelineFile: string): Promise<string> {
  const pipeline = resolve(pipelineFile);
  const entry = [
    `import handler, { usePipelineModule } from ${JSON.stringify(HANDLER)};`,
    `import * as pipelineModule from ${JSON.stringify(pipeline)};`,
    'usePipelineModule(pipelineModule);',
    'export default handler;',
  ].join('\n');
  await mkdir(CACHE, { recursive: true });
  const result = await build({
    stdin: { contents: entry, resolveDir: CACHE, loader: 'ts', sourcefile: 'flow-worker-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const path = join(CACHE, `worker-${hash}.mjs`);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await pruneOldBundles();
    const temp = `${path}.tmp-${process.pid}`;
    await writeFile(temp, code);
    await rename(temp, path);
  }
  return path;
}

/** Removes bundles unused for a day, so the cache does not grow with every pipeline edit. */
async function pruneOldBundles(): Promise<void> {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of await readdir(CACHE)) {
    const file = join(CACHE, name);
    const info = await stat(file).catch(() => undefined);
    if (name.startsWith('worker-') && info && info.atimeMs < dayAgo && info.mtimeMs < dayAgo) await rm(file, { force: true });
  }
}
