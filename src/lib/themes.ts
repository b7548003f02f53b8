/**
 * The theme taxonomy (`<content>/themes.yaml`, env LECTERN_CONTENT), read and validated once per
 * build with the same parser the classifier uses. A broken file fails the build with its
 * diagnostics (file, line, fix).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lecternConfig } from '../config.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { parseTaxonomy, themeList, type ThemeInfo } from '../core/themes/taxonomy.ts';

export type SiteTheme = ThemeInfo;

let themes: SiteTheme[] | undefined;

export function getThemes(): SiteTheme[] {
  if (themes) return themes;
  const file = join(lecternConfig().contentDir, 'themes.yaml');
  const result = parseTaxonomy(readFileSync(file, 'utf8'), file);
  if (!result.ok) {
    throw new Error(`the theme taxonomy is invalid:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  themes = themeList(result.taxonomy);
  return themes;
}
