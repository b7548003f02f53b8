/**
 * How `npm run <name>` runs a package.json script, without npm in between: `sh -c <script>` in
 * `root` with `root/node_modules/.bin` first on PATH (so `astro` and `node` are the project's
 * Node 22). The bench and the tests build with it, so what they measure and check is exactly
 * what `npm run build` does, and no npm process adds to the measured time and memory.
 */
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ScriptCommand {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function packageScript(root: string, name: string, env: NodeJS.ProcessEnv): ScriptCommand {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = scripts?.[name];
  if (!script) throw new Error(`${join(root, 'package.json')} has no "${name}" script`);
  return { command: '/bin/sh', args: ['-c', script], env: { ...env, PATH: [join(root, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(delimiter) } };
}
