// What makes our command-line programs behave like real tools, in one place: arguments parsed with node:util
// parseArgs, `--help` prints usage and exits 0 before anything is touched, an unknown flag or a missing argument
// exits 2 with the usage, and a failure prints one line (no stack trace; CLI_DEBUG=1 shows it) and exits 1.
//
//   const { values, positionals } = parseCliArgs({ usage: USAGE, options: { check: { type: 'boolean' } } });
//   await runCli('ratings:rebuild', async () => { ...; return exitCode; });
import { access } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the program was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can act on (missing file, unreachable server): printed as one line, exit code 1. */
export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** Printed for --help and after a usage error. Starts with "Usage: ...". */
  usage: string;
  options?: O;
  /** How many positional arguments the program takes (default none). */
  positionals?: { min: number; max: number };
  argv?: string[];
}

export interface ParsedCliArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export function parseCliArgs<O extends Options>(spec: CliSpec<O>): ParsedCliArgs {
  const argv = spec.argv ?? process.argv.slice(2);
  const options: Options = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  let parsed: ParsedCliArgs;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    usageFailure(spec.usage, error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    process.stdout.write(`${spec.usage.trim()}\n`);
    process.exit(0);
  }
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min) usageFailure(spec.usage, 'missing argument');
  if (parsed.positionals.length > max) {
    usageFailure(spec.usage, `unexpected argument '${parsed.positionals[max]}'`);
  }
  return parsed;
}

function usageFailure(usage: string, message: string): never {
  process.stderr.write(`error: ${message}\n\n${usage.trim()}\n`);
  process.exit(2);
}

/**
 * Runs a program's body: its return value (default 0) is the exit code; a thrown error is printed as one line.
 * Exits explicitly so open handles (a progress bar, a pool) cannot keep a finished program alive.
 */
export async function runCli(name: string, main: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    if (process.env.CLI_DEBUG) console.error(error);
    process.stderr.write(`${name}: ${oneLine(error)}\n`);
    code = error instanceof UsageError ? 2 : 1;
  }
  process.exit(code);
}

/** The first line of an error and its causes (drizzle wraps driver errors as "Failed query: ..."). */
export function oneLine(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e && messages.length < 4; e = e instanceof Error ? e.cause : undefined) {
    const message = e instanceof AggregateError && e.errors.length > 0 ? oneLine(e.errors[0]) : describe(e);
    if (message && !messages.includes(message)) messages.push(message);
  }
  return messages.join(': ') || 'failed';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const first = error.message.split('\n')[0]!.trim();
  return first || (typeof code === 'string' ? code : error.name);
}

/** Fails with a one-line message when a file the program needs cannot be read. */
export async function requireReadableFile(file: string): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new CliError(`cannot read ${file}: no such file, or no permission to read it`);
  }
}
