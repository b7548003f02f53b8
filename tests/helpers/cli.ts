/**
 * Runs one of the repo's command-line scripts the way a user does: the project's Node 22, from
 * the repo root. A non-zero exit is a result to check, not an exception.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

export async function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ScriptRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE, [script, ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as ScriptRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
