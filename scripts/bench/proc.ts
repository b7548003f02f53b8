/**
 * Run a command and measure it: wall time, peak RSS of its whole process tree (sampled from
 * /proc, so child processes such as Pagefind or workers count), and a timestamp for every output
 * line so phases can be read off the log.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TimedLine {
  /** Milliseconds since the command started. */
  at: number;
  text: string;
}

export interface RunResult {
  code: number;
  wallMs: number;
  peakRssBytes: number;
  /** The tree's make-up at its peak: RSS by command name, and when (ms since start). */
  peakAt: { ms: number; byCommand: Record<string, number> };
  lines: TimedLine[];
}

const PAGE = 4096;

function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(name));
      map.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** Resident memory of `root` and all its descendants, in bytes, in total and by command name. */
export function treeRss(root: number): { total: number; byCommand: Record<string, number> } {
  const children = childrenMap();
  let total = 0;
  const byCommand: Record<string, number> = {};
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
      const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      total += rss;
      byCommand[command] = (byCommand[command] ?? 0) + rss;
    } catch {
      // ended
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, byCommand };
}

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean; sampleMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: TimedLine[] = [];
    let peak = 0;
    let peakAt: RunResult['peakAt'] = { ms: 0, byCommand: {} };
    const sample = () => {
      if (child.pid === undefined) return;
      const rss = treeRss(child.pid);
      if (rss.total > peak) {
        peak = rss.total;
        peakAt = { ms: performance.now() - started, byCommand: rss.byCommand };
      }
    };
    const timer = setInterval(sample, options.sampleMs ?? 150);
    const collect = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const at = performance.now() - started;
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const text of parts) {
          lines.push({ at, text });
          if (options.echo) process.stderr.write(`  | ${text}\n`);
        }
      });
      stream.on('end', () => {
        if (rest) lines.push({ at: performance.now() - started, text: rest });
      });
    };
    collect(child.stdout!);
    collect(child.stderr!);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code: code ?? 1, wallMs: performance.now() - started, peakRssBytes: peak, peakAt, lines });
    });
  });
}
