import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** A file problem in the CLI's error shape: which file, what went wrong. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const MAX_JSON_FILE_BYTES = 50 * 1024 * 1024;

async function checkReadable(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FileError(path, 'not a regular file');
    return info.size;
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(path, describeIoError(error));
  }
}

/** Reads and parses a whole JSON file (schemes and processor lists are small; capped at 50 MB). */
export async function readJsonFile(path: string): Promise<unknown> {
  const size = await checkReadable(path);
  if (size > MAX_JSON_FILE_BYTES) throw new FileError(path, `larger than ${MAX_JSON_FILE_BYTES} bytes`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(path, describeIoError(error));
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new FileError(path, `not valid JSON: ${(error as Error).message}`);
  }
}

/** Streams a text file as UTF-8 string chunks of about 1 MiB; checks it is readable first. */
export async function fileChunks(path: string): Promise<AsyncIterable<string>> {
  await checkReadable(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of stream) yield chunk as string;
      } catch (error) {
        throw new FileError(path, describeIoError(error));
      } finally {
        stream.destroy();
      }
    },
  };
}

function describeIoError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot be read (${(error as Error).message})`;
}
