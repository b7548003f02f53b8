/**
 * `npm run session -- new`: the checked frontmatter and text of a new session file. Pure: the
 * CLI passes the known paper slugs and writes the result.
 */
import { sessionSchema, type SessionFrontmatter } from './schema.ts';

export interface NewSessionRequest {
  date: string;
  papers: readonly string[];
  presenters: readonly string[];
  time?: string;
  place?: string;
}

export type NewSessionPlan = { ok: true; session: SessionFrontmatter; text: string } | { ok: false; problems: string[] };

/** Known slugs that contain `wanted` or start like it, for "did you mean". */
function nearSlugs(wanted: string, known: readonly string[]): string[] {
  const head = wanted.split('-').slice(0, 2).join('-');
  return known.filter((slug) => slug.includes(wanted) || (head.length >= 3 && slug.startsWith(head))).slice(0, 3);
}

// JSON strings are YAML double-quoted scalars: any title, name or link is written safely.
const quote = (value: string) => JSON.stringify(value);

/** The session, or every problem with the request (unknown slugs named, with near matches). */
export function planNewSession(request: NewSessionRequest, knownSlugs: readonly string[]): NewSessionPlan {
  const known = new Set(knownSlugs);
  const problems = request.papers
    .filter((slug) => !known.has(slug))
    .map((slug) => {
      const near = nearSlugs(slug, knownSlugs);
      return `unknown paper "${slug}": there is no papers/${slug}.mdx.${near.length ? ` Did you mean ${near.map((s) => `"${s}"`).join(', ')}?` : ' Use the file name of a paper without .mdx.'}`;
    });
  const parsed = sessionSchema.safeParse({ date: request.date, time: request.time, place: request.place, presenters: request.presenters, papers: request.papers });
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `--${String(issue.path[0] ?? 'date')}: ${issue.message}`));
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const session = parsed.data;
  const lines = [
    '---',
    `date: ${session.date}`,
    `time: ${quote(session.time)}`,
    ...(session.place ? [`place: ${quote(session.place)}`] : ['# place: "Room 4.02" or a call link']),
    'presenters:',
    ...session.presenters.map((name) => `  - ${quote(name)}`),
    'papers:',
    ...session.papers.map((slug) => `  - ${slug}`),
    '# slides: "https://…"',
    '# recording: "https://…"',
    '---',
    '',
    'Notes for the session (Markdown; math works).',
    '',
  ];
  return { ok: true, session, text: lines.join('\n') };
}
