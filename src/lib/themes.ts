/**
 * The theme taxonomy of the build: `<content>/themes.yaml`, or lectern's default when the
 * content folder has none (src/io/content.ts, the loader the commands use too). Read once per
 * build; a broken file fails the build with its diagnostics (file, line, fix).
 */
import { lecternConfig } from '../config.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { themeList, type ThemeInfo } from '../core/themes/taxonomy.ts';
import { loadTaxonomy } from '../io/content.ts';

export type SiteTheme = ThemeInfo;

let themes: SiteTheme[] | undefined;

export function getThemes(): SiteTheme[] {
  if (themes) return themes;
  const read = loadTaxonomy(lecternConfig().contentDir);
  if (!read.ok) {
    throw new Error(`the theme taxonomy is invalid:\n${read.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  console.info(`[lectern] ${read.description}`);
  themes = themeList(read.taxonomy);
  return themes;
}
