import { simulateBatch } from '../../lib/simulation/batch';
import { transactionBatchesOf, type ParseError } from '../../lib/simulation/records';
import { generateTransactions } from '../../lib/simulation/traffic';
import { countArgument, expectPositionals, seedOption, stringOption, type ParsedArgs } from './args';
import type { Processor } from '../../lib/processors/schema';
import { compileSchemeFile, formatOf, type CompileInputs, loadProcessors, loadProcessorSet, transactionRecords } from './inputs';
import { LineWriter, printJson } from './output';

/** Each command prints its result and returns the exit code (0 or 1); problems it cannot report throw. */
export type Command = (args: ParsedArgs) => Promise<number>;

/** How many bad input lines `simulate` lists in full (all are counted). */
const LISTED_INPUT_ERRORS = 100;

function compileInputs(args: ParsedArgs, processors: Processor[] | undefined): CompileInputs {
  return { processors, registryPath: stringOption(args, 'registry'), timeZone: stringOption(args, 'time-zone') };
}

const validate: Command = async (args) => {
  const [schemePath] = expectPositionals(args, ['scheme.json']) as [string];
  const processorsPath = stringOption(args, 'processors');
  const processors = processorsPath === undefined ? undefined : await loadProcessors(processorsPath);
  const { warnings } = await compileSchemeFile(schemePath, compileInputs(args, processors));
  await printJson({ ok: true, warnings });
  return 0;
};

const decide: Command = async (args) => {
  const [schemePath, inputPath] = expectPositionals(args, ['scheme.json', 'transactions.jsonl']) as [string, string];
  const format = formatOf(inputPath, stringOption(args, 'format'));
  const processors = await loadProcessorSet(stringOption(args, 'processors'));
  const { plan } = await compileSchemeFile(schemePath, compileInputs(args, processors.list));
  const options = args.options.has('trace') ? { trace: true } : undefined;
  const out = new LineWriter();
  let failed = false;
  for await (const batch of await transactionRecords(inputPath, format)) {
    for (const record of batch) {
      if (record.ok) {
        await out.line(JSON.stringify(plan.decide(record.transaction, processors.set, options)));
      } else {
        failed = true;
        await out.line(JSON.stringify({ line: record.line, error: record.error }));
      }
    }
  }
  await out.flush();
  return failed ? 1 : 0;
};

const simulate: Command = async (args) => {
  const synthetic = stringOption(args, 'synthetic');
  if (synthetic !== undefined) return simulateSynthetic(args, countArgument(synthetic, '--synthetic'));
  const [schemePath, inputPath] = expectPositionals(args, ['scheme.json', 'transactions.csv']) as [string, string];
  const format = formatOf(inputPath, stringOption(args, 'format'));
  const seed = seedOption(args);
  const processors = await loadProcessorSet(stringOption(args, 'processors'));
  const { plan } = await compileSchemeFile(schemePath, compileInputs(args, processors.list));
  const errors: ParseError[] = [];
  let errorCount = 0;
  const onError = (error: ParseError) => {
    errorCount++;
    if (errors.length < LISTED_INPUT_ERRORS) errors.push(error);
  };
  const records = await transactionRecords(inputPath, format);
  const report = await simulateBatch(transactionBatchesOf(records, onError), { plan, processors: processors.set, seed });
  await printJson({ ...report, input: { file: inputPath, format, errors: errorCount, first_errors: errors } });
  return errorCount > 0 ? 1 : 0;
};

/** Generated traffic (same seed for traffic and outcomes); reports the wall time too. */
async function simulateSynthetic(args: ParsedArgs, count: number): Promise<number> {
  const [schemePath] = expectPositionals(args, ['scheme.json']) as [string];
  const seed = seedOption(args);
  const processors = await loadProcessorSet(stringOption(args, 'processors'));
  const { plan } = await compileSchemeFile(schemePath, compileInputs(args, processors.list));
  const started = performance.now();
  const report = await simulateBatch(generateTransactions(count, { seed }), { plan, processors: processors.set, seed });
  const elapsedMs = Math.round(performance.now() - started);
  await printJson({ ...report, input: { synthetic: count, elapsed_ms: elapsedMs } });
  return 0;
}

const generate: Command = async (args) => {
  const [countText] = expectPositionals(args, ['count']) as [string];
  const count = countArgument(countText, 'count');
  const out = new LineWriter();
  for (const tx of generateTransactions(count, { seed: seedOption(args) })) await out.line(JSON.stringify(tx));
  await out.flush();
  return 0;
};

export const COMMANDS: Readonly<Record<string, Command>> = { validate, decide, simulate, generate };
