/**
 * Acronyms and their spelled-out forms, so a search for either finds a paper that uses only the
 * other ("MoE" finds "mixture-of-experts", "state space" finds "SSM"). Pagefind matches the words
 * of a query against the words of a page, so the missing form is added to the page's indexed
 * text (a hidden span on the paper page) instead of rewriting queries in the browser.
 *
 * The table lists abbreviations this reading group's papers use; add a pair when a search for
 * one form misses papers written with the other.
 */
export const ACRONYMS: readonly (readonly [short: string, long: string])[] = [
  ['MoE', 'mixture of experts'],
  ['MoD', 'mixture of depths'],
  ['SSM', 'state space'],
  ['KV', 'key value'],
  ['LLM', 'large language model'],
  ['ViT', 'vision transformer'],
  ['PTQ', 'post training quantization'],
  ['QAT', 'quantization aware training'],
  ['RNN', 'recurrent neural network'],
  ['MQA', 'multi query attention'],
  ['GQA', 'grouped query attention'],
  ['MLP', 'multi layer perceptron'],
  ['NLP', 'natural language processing'],
  ['CNN', 'convolutional neural network'],
  ['LoRA', 'low rank adaptation'],
  ['RL', 'reinforcement learning'],
  ['ASR', 'automatic speech recognition'],
  ['DiT', 'diffusion transformer'],
];

/** Lower case, hyphens, slashes and underscores as spaces, runs of spaces as one. */
function words(text: string): string {
  return ` ${text.toLowerCase().replace(/[-‐‑–/_]+/g, ' ').replace(/\s+/g, ' ')} `;
}

/** The spelled-out form with an optional plural on its last word ("state spaces"). */
function spelledOut(long: string): RegExp {
  return new RegExp(`[^a-z0-9]${long}s?[^a-z0-9]`);
}

/** The acronym as a word of its own, optionally plural ("SSMs"); case-insensitive. */
function acronym(short: string): RegExp {
  return new RegExp(`[^a-z0-9]${short.toLowerCase()}s?[^a-z0-9]`);
}

/** Compiled once: every title and abstract of a build is checked (36 patterns each). */
const PATTERNS = ACRONYMS.map(([short, long]) => ({ short, long, shortForm: acronym(short), longForm: spelledOut(long), shortText: short.toLowerCase() }));

/**
 * The other form of each acronym pair of which `text` (plain text) holds exactly one form, as
 * space-separated words; empty when there is none. `"Sparse MoE as the New Dropout"` ->
 * `"mixture of experts"`.
 */
export function acronymAliases(text: string): string {
  const normalized = words(text);
  const added: string[] = [];
  for (const { short, long, shortForm, longForm, shortText } of PATTERNS) {
    // A substring search first: far cheaper than the patterns, and most texts hold neither form.
    const hasShort = normalized.includes(shortText) && shortForm.test(normalized);
    const hasLong = normalized.includes(long) && longForm.test(normalized);
    if (hasShort && !hasLong) added.push(long);
    else if (hasLong && !hasShort) added.push(short);
  }
  return added.join(' ');
}
