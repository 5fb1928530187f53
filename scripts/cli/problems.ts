import type { Problem } from '../../lib/engine/types';
import type { FileError } from './files';

/** A problem as the CLI prints it: the engine's Problem, plus the file it is in. */
export type CliProblem = Problem & { file?: string };

/** Problems that end the command with exit code 1 and {"ok":false,"errors":[...]}. */
export class InputError extends Error {
  constructor(
    readonly errors: CliProblem[],
    readonly warnings: CliProblem[] = [],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export function fileProblem(error: FileError): CliProblem {
  return { code: 'file', message: error.message, path: [], file: error.file, severity: 'error' };
}
