/**
 * Moves the finished site to LECTERN_OUT_DIR when the build wrote it elsewhere (see
 * `buildOutDir` in src/config.ts): an output folder outside the project, possibly on another
 * filesystem. Registered last, so every other hook has written its files first.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { replaceDirectory } from '../io/atomic.ts';

export default function outDir(target: string): AstroIntegration {
  return {
    name: 'lectern:out-dir',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const built = fileURLToPath(dir);
        if (built.replace(/\/$/, '') === target.replace(/\/$/, '')) return;
        replaceDirectory(built, target);
        logger.info(`moved the site to ${target}`);
      },
    },
  };
}
