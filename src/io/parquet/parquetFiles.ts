import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { inputError } from '../../errors.js';

const GLOB_CHARS = /[*?[]/;

/** True when the path has glob characters. */
export function isGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** The files of a Parquet source, and the directory they were found under (where Hive partition paths start). */
export interface ParquetFiles {
  readonly root: string;
  readonly files: string[];
}

/**
 * The data files a Parquet source names, sorted by path:
 * - a file: itself;
 * - a directory: every file below it, skipping names that start with `_` or `.` (Spark's
 *   `_SUCCESS`, checksum and temporary files), as Spark, DuckDB and Polars read them;
 * - a glob (`*`, `?`, `[abc]` within a path segment, `**` across segments).
 */
export async function parquetFiles(path: string): Promise<ParquetFiles> {
  if (isGlob(path)) {
    const { root, files } = await globFiles(path);
    if (files.length === 0) throw inputError('MISSING_FILE', `no files match the glob ${path}`, { file: path });
    return { root, files };
  }
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw inputError('MISSING_FILE', `file not found (looked for ${resolve(path)})`, { file: path });
    throw inputError('UNREADABLE_FILE', error.message, { file: path });
  });
  if (!info.isDirectory()) return { root: dirname(path), files: [path] };
  const files = (await walk(path)).sort();
  if (files.length === 0) throw inputError('MISSING_FILE', 'the directory holds no data files', { file: path });
  return { root: path, files };
}

async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** Files matching a glob: walk from the longest literal prefix directory (skipping `_` and `.` names), match relative paths. */
async function globFiles(pattern: string): Promise<ParquetFiles> {
  const segments = pattern.split(/[\\/]/);
  const literal = segments.findIndex((s) => isGlob(s));
  const base = segments.slice(0, literal).join(sep) || '.';
  const matcher = globRegExp(segments.slice(literal).join('/'));
  const all = await walk(base).catch(() => [] as string[]);
  return { root: base, files: all.filter((file) => matcher.test(relative(base, file).split(sep).join('/'))).sort() };
}

export function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories; a bare `**` anything.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
