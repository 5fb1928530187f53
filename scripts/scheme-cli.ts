/**
 * Switchyard's command line, for engineers running the engine and simulations from a shell and CI:
 * `npm run --silent scheme -- <command>`. JSON on stdout; exit 0 on success, 1 on invalid
 * input, 2 on a usage error (message and usage on stderr). See docs/cli.md.
 */
import { parseArgs, USAGE, UsageError } from './cli/args';
import { COMMANDS } from './cli/commands';
import { FileError } from './cli/files';
import { fileProblem, InputError } from './cli/problems';
import { printJson } from './cli/output';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.options.has('help') || args.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const command = COMMANDS[args.command];
    if (command === undefined) throw new UsageError(args.command === '' ? 'no command given' : `unknown command "${args.command}"`);
    return await command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`scheme: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      await printJson({ ok: false, errors: error.errors, warnings: error.warnings });
      process.stderr.write(`scheme: ${error.errors.length} error(s); first: ${error.errors[0]?.message ?? ''}\n`);
      return 1;
    }
    if (error instanceof FileError) {
      await printJson({ ok: false, errors: [fileProblem(error)], warnings: [] });
      process.stderr.write(`scheme: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// `… | head` closes the pipe early: the reader has what it wanted, so stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scheme: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
