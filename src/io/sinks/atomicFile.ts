import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FlowError, inputError } from '../../errors.js';

/**
 * A file written under a temporary name beside its destination and renamed into place
 * on commit, so readers never see a partial file. Abort (or a failed commit) removes it.
 */
export class AtomicFile {
  private constructor(
    readonly path: string,
    readonly tempPath: string,
    readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    await requireDirectory(dirname(path), path);
    const tempPath = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    const handle = await open(tempPath, 'wx');
    return new AtomicFile(path, tempPath, handle);
  }

  /** Appends data; a failure (such as a full disk) is a resources error naming the file. */
  async write(data: Uint8Array | string): Promise<void> {
    try {
      await this.handle.write(typeof data === 'string' ? Buffer.from(data) : data);
    } catch (error) {
      throw asWriteError(error, this.path);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.handle.sync();
      await this.handle.close();
      await rename(this.tempPath, this.path);
    } catch (error) {
      await this.abort();
      throw asWriteError(error, this.path);
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const file = await AtomicFile.create(path);
  try {
    await file.write(data);
  } catch (error) {
    await file.abort();
    throw asWriteError(error, path);
  }
  await file.commit();
}

async function requireDirectory(directory: string, path: string): Promise<void> {
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) throw inputError('BAD_OUTPUT_PATH', `${directory} is not a directory`, { file: path });
  } catch (error) {
    if (error instanceof FlowError) throw error;
    throw inputError('BAD_OUTPUT_PATH', `output directory ${directory} does not exist`, { file: path });
  }
}

/** Creates an output directory (and parents) for commands that own one, like `flow run --out`. */
export async function ensureDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
}

function asWriteError(error: unknown, path: string): Error {
  if (error instanceof FlowError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new FlowError('resources', 'DISK_FULL', `${path}: no space left on device; nothing was written`, { file: path });
  return new FlowError('resources', 'WRITE_FAILED', `${path}: write failed: ${(error as Error).message}`, { file: path });
}
