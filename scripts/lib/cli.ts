/**
 * What every lectern command does with its command line, the same way: `--help`, a command
 * named by the first argument, usage errors (exit 2, with a pointer to `--help`), content errors
 * (their `file:line` diagnostics as they are, exit 1) and other failures (exit 1).
 */
import { ContentError } from '../../src/io/content.ts';

/** A mistake in the command line. */
export class UsageError extends Error {}

/** Prints `usage` on stdout when `--help` was given, and says whether it was. */
export function helpRequested(values: { help?: boolean }, usage: string): boolean {
  if (values.help) console.log(usage);
  return Boolean(values.help);
}

const either = new Intl.ListFormat('en', { type: 'disjunction' });

/**
 * The command (the first positional argument), one of `commands`, and the arguments after it;
 * only the commands in `takingArguments` may have any.
 */
export function commandOf<C extends string>(positionals: readonly string[], commands: readonly C[], takingArguments: readonly C[] = []): { command: C; args: string[] } {
  const [command, ...args] = positionals;
  if (command === undefined) throw new UsageError(`a command is required: ${either.format(commands)}`);
  if (!commands.includes(command as C)) throw new UsageError(`unknown command "${command}": use ${either.format(commands)}`);
  if (args.length > 0 && !takingArguments.includes(command as C)) throw new UsageError(`unexpected argument "${args[0]}"`);
  return { command: command as C, args };
}

/**
 * Runs a command's `main` with the process arguments and sets the exit status: `main`'s number,
 * else 2 for a usage error (UsageError or one of parseArgs') and 1 for anything else.
 * `name` starts the error lines; `script` is the npm script that runs the command.
 */
export async function runCommand(name: string, script: string, main: (argv: string[]) => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${name}: ${(error as Error).message}\nRun "npm run ${script} -- --help" for the commands and options.`);
      process.exitCode = 2;
    } else {
      console.error(error instanceof ContentError ? error.message : `${name}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
