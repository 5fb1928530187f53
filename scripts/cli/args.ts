/** Command-line parsing for scheme-cli: positionals plus a fixed set of flags per command. */

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  positionals: string[];
  options: Map<string, string | true>;
}

/** Flags that take a value; every other known flag is a switch. */
const VALUE_FLAGS = new Set(['processors', 'seed', 'format', 'time-zone', 'synthetic', 'registry']);
const SWITCH_FLAGS = new Set(['trace', 'help']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (VALUE_FLAGS.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else if (SWITCH_FLAGS.has(name) && eq === -1) {
      options.set(name, true);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  const [command = '', ...rest] = positionals;
  return { command, positionals: rest, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A whole-number argument (a count). */
export function countArgument(text: string, what: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(count)) throw new UsageError(`${what} must be a whole number, got "${text}"`);
  return count;
}

/** --seed: any integer that JSON can carry exactly. */
export function seedOption(args: ParsedArgs): number | undefined {
  const raw = stringOption(args, 'seed');
  if (raw === undefined) return undefined;
  const seed = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${raw}"`);
  return seed;
}

export function expectPositionals(args: ParsedArgs, names: readonly string[]): string[] {
  if (args.positionals.length !== names.length) {
    throw new UsageError(`${args.command} expects ${names.map((n) => `<${n}>`).join(' ')}`);
  }
  return args.positionals;
}

export const USAGE = `Usage: npm run --silent scheme -- <command> ...

  validate <scheme.json> [--processors <processors.json>]
      Compile the scheme; prints {"ok":true,"warnings":[...]} (exit 0)
      or {"ok":false,"errors":[...],"warnings":[...]} (exit 1).
  decide <scheme.json> <transactions.jsonl|.csv> --processors <processors.json> [--trace]
      One decision JSON per input line, in input order. A bad line prints
      {"line":N,"error":"..."} in its place and the exit code is 1.
  simulate <scheme.json> <transactions.csv|.jsonl> --processors <processors.json> [--seed N]
  simulate <scheme.json> --synthetic <count> --processors <processors.json> [--seed N]
      Simulates every transaction (cascades, seeded outcomes) and prints the aggregate report;
      --synthetic simulates generated traffic instead of a file.
  generate <count> [--seed N]
      Prints <count> synthetic transactions as JSON lines.

Options:
  --format csv|jsonl     input format when the file extension does not say
  --registry <file>      processor routes and filters the scheme references:
                         {"routes":[{"id","name","processors"}],"filters":[{"id","name","match","rules"}]}
  --time-zone <IANA>     time zone of time_of_day / weekday (default UTC)

Exit codes: 0 success, 1 invalid input (scheme, processors, transactions, files), 2 usage error.`;
