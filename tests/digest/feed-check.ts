/**
 * Validator-grade checks of the built feeds, independent of the code that writes them:
 * well-formedness with a strict XML parser (sax), the RSS 2.0 elements a validator requires,
 * RFC 822 dates, a real feed reader's view (@rowanmanning/feed-parser), and JSON Feed 1.1
 * against a JSON Schema of the spec with RFC 3339 dates (ajv + ajv-formats).
 */
import sax from 'sax';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** Throws with line and column when `xml` is not well-formed. */
export function assertWellFormedXml(xml: string, name: string): void {
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (error) => {
    throw new Error(`${name}: not well-formed XML: ${error.message}`);
  };
  parser.write(xml).close();
}

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const RFC822 = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} (GMT|UT|[+-]\\d{4})$`);

/** An RFC 822 date-time (as RSS 2.0 requires) whose weekday matches its date. */
export function isRfc822(value: string): boolean {
  if (!RFC822.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toUTCString().slice(0, 3) === value.slice(0, 3);
}

export interface RssItemView {
  title: string;
  link: string;
  guid: string;
  guidIsPermaLink: string | undefined;
  pubDate: string;
  description: string | undefined;
  content: string | undefined;
  categories: string[];
}

export interface RssView {
  title: string;
  link: string;
  description: string;
  self: string | undefined;
  items: RssItemView[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string =>
  typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? '');

/**
 * Checks an RSS 2.0 document and returns its channel and items. Required: rss@version=2.0,
 * channel title/link/description; per item title, link, guid, RFC 822 pubDate.
 */
export function checkRss(xml: string, name: string): RssView {
  assertWellFormedXml(xml, name);
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: true, htmlEntities: true }).parse(xml) as Record<string, any>;
  const rss = doc.rss;
  if (!rss || rss['@_version'] !== '2.0') throw new Error(`${name}: root element is not <rss version="2.0">`);
  const channel = rss.channel;
  for (const field of ['title', 'link', 'description']) {
    if (!text(channel?.[field]).trim()) throw new Error(`${name}: channel has no <${field}>`);
  }
  const self = asArray(channel['atom:link']).find((link: any) => link['@_rel'] === 'self') as any;
  const items = asArray(channel.item).map((item: any, index): RssItemView => {
    for (const field of ['title', 'link', 'guid', 'pubDate']) {
      if (!text(item[field]).trim()) throw new Error(`${name}: item ${index + 1} has no <${field}>`);
    }
    const pubDate = text(item.pubDate);
    if (!isRfc822(pubDate)) throw new Error(`${name}: item ${index + 1} pubDate "${pubDate}" is not RFC 822`);
    return {
      title: text(item.title),
      link: text(item.link),
      guid: text(item.guid),
      guidIsPermaLink: typeof item.guid === 'object' ? item.guid['@_isPermaLink'] : undefined,
      pubDate,
      description: item.description === undefined ? undefined : text(item.description),
      content: item['content:encoded'] === undefined ? undefined : text(item['content:encoded']),
      categories: asArray(item.category).map(text),
    };
  });
  // A feed reader must see the same items.
  const parsed = parseFeed(xml);
  if (parsed.items.length !== items.length) throw new Error(`${name}: feed reader sees ${parsed.items.length} items, expected ${items.length}`);
  parsed.items.forEach((item, index) => {
    if (item.url !== items[index]!.link || item.id !== items[index]!.guid || !item.published) {
      throw new Error(`${name}: feed reader disagrees on item ${index + 1} (${item.url}, ${item.id})`);
    }
  });
  if (parsed.title !== text(channel.title)) throw new Error(`${name}: feed reader sees title "${parsed.title}"`);
  return { title: text(channel.title), link: text(channel.link), description: text(channel.description), self: self?.['@_href'], items };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema: required fields and formats. */
const JSON_FEED_SCHEMA = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    language: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          summary: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

export interface JsonFeedView {
  title: string;
  home_page_url: string;
  feed_url: string;
  items: { id: string; url: string; title: string; content_html: string; date_published: string; tags?: string[] }[];
}

export function checkJsonFeed(json: string, name: string): JsonFeedView {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON_FEED_SCHEMA);
  const data: unknown = JSON.parse(json);
  if (!validate(data)) throw new Error(`${name}: not a valid JSON Feed 1.1: ${ajv.errorsText(validate.errors)}`);
  return data as unknown as JsonFeedView;
}
