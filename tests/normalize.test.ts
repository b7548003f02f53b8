import { readdirSync, readFileSync } from 'node:fs';
import katex from 'katex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinMath, normalizeText, splitMath, toPlainText } from '../src/core/normalize/index.ts';
import { MATH_SYMBOLS } from '../src/core/normalize/symbols.ts';
import { SEEDS_DIR } from './helpers/seeds.ts';

const SEEDS = SEEDS_DIR;

function katexAccepts(tex: string): boolean {
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function mathOf(clean: string): string[] {
  return splitMath(clean).flatMap((s) => (s.kind === 'math' ? [s.tex] : []));
}

// [raw as pasted (a real seed excerpt, file:line), clean text, plain text]
const SEED_CASES: Array<[string, string, string, string]> = [
  ['001:29 Unicode letter inside balanced dollars', 'PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis', 'PixArt-$α$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis', 'PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis'],
  ['001:31 lost dollar before a price', 'saving nearly \\300,000 (26,000 vs. \\320,000) and reducing', 'saving nearly \\$300,000 (26,000 vs. \\$320,000) and reducing', 'saving nearly $300,000 (26,000 vs. $320,000) and reducing'],
  ['001:31 closing dollar without opening', 'We hope PIXART-\\alpha$ will provide new insights', 'We hope PIXART-$\\alpha$ will provide new insights', 'We hope PIXART-α will provide new insights'],
  ['001:31 macro in text', 'demonstrate that PIXART-\\alpha excels in image quality', 'demonstrate that PIXART-$\\alpha$ excels in image quality', 'demonstrate that PIXART-α excels in image quality'],
  ['002:267 two stray dollars do not pair', 'achieving up to 5.18\\times$ latency reductions on GPUs and 42.9%$ energy savings', 'achieving up to 5.18$\\times$ latency reductions on GPUs and 42.9% energy savings', 'achieving up to 5.18× latency reductions on GPUs and 42.9% energy savings'],
  ['000:23 escaped percent', 'by a large margin, e.g., 1.1\\% for Swin-T', 'by a large margin, e.g., 1.1% for Swin-T', 'by a large margin, e.g., 1.1% for Swin-T'],
  ['001:183 umlaut', 'algorithms -- Nystr\\"om approximation, CR decomposition, and SVD --', 'algorithms – Nyström approximation, CR decomposition, and SVD –', 'algorithms – Nyström approximation, CR decomposition, and SVD –'],
  ['002:99 acute accent', "EDF's (Electricit\\'e De France) consumption", "EDF's (Electricité De France) consumption", "EDF's (Electricité De France) consumption"],
  ['003:17 textasciitilde', 'approximately \\textasciitilde42\\% time and \\textasciitilde30\\% memory savings', 'approximately ~42% time and ~30% memory savings', 'approximately ~42% time and ~30% memory savings'],
  ['000:183 preamble macro', 'we design and implement \\proj, a novel technique', 'we design and implement proj, a novel technique', 'we design and implement proj, a novel technique'],
  ['004:147 preamble macro', 'results demonstrate that \\prjname can fine-tune', 'results demonstrate that prjname can fine-tune', 'results demonstrate that prjname can fine-tune'],
  ['004:167 preamble macro in braces', 'called {\\SST}, for 3D indoor scene understanding', 'called SST, for 3D indoor scene understanding', 'called SST, for 3D indoor scene understanding'],
  ['004:139 bf group and en dash', 'instantiate it in {\\bf LeJEPA}, a lean. a novel objective--{\\bf Sketched Isotropic Gaussian Regularization} (SIGReg)--to constrain', 'instantiate it in LeJEPA, a lean. a novel objective–Sketched Isotropic Gaussian Regularization (SIGReg)–to constrain', 'instantiate it in LeJEPA, a lean. a novel objective–Sketched Isotropic Gaussian Regularization (SIGReg)–to constrain'],
  ['004:139 href lost its backslash', '(https://github.com/rbalestr-lab/lejepa{GitHub repo}).', '(https://github.com/rbalestr-lab/lejepa GitHub repo).', '(https://github.com/rbalestr-lab/lejepa GitHub repo).'],
  ['004:139 lost backslash before approx', 'requiring only approx50 lines of code', 'requiring only $\\approx$50 lines of code', 'requiring only ≈50 lines of code'],
  ['003:181 \\ie', 'the union of remaining candidate regions (\\ie, routed regions).', 'the union of remaining candidate regions (i.e., routed regions).', 'the union of remaining candidate regions (i.e., routed regions).'],
  ['000:39 lost backslashes sim/times', 'achieving up to sim2times speedup with negligible loss', 'achieving up to $\\sim$2$\\times$ speedup with negligible loss', 'achieving up to ~2× speedup with negligible loss'],
  ['000:135 lost backslash times', 'scale up attention computation by almost 40times using four GeForce RTX 4090 GPUs', 'scale up attention computation by almost 40$\\times$ using four GeForce RTX 4090 GPUs', 'scale up attention computation by almost 40× using four GeForce RTX 4090 GPUs'],
  ['001:23 times between numbers', 'FID score on 512times512 ImageNet images', 'FID score on 512$\\times$512 ImageNet images', 'FID score on 512×512 ImageNet images'],
  ['003:197 ranges of times', 'PIM-GPT achieves 41-137times, 631-1074times speedup', 'PIM-GPT achieves 41-137$\\times$, 631-1074$\\times$ speedup', 'PIM-GPT achieves 41-137×, 631-1074× speedup'],
  ['001:271 lost backslash sim', 'a merely sim0.6 point decrease', 'a merely $\\sim$0.6 point decrease', 'a merely ~0.6 point decrease'],
  ['001:87 the English word stays', 'by 4 to 8 times during training', 'by 4 to 8 times during training', 'by 4 to 8 times during training'],
  ['004:167 Cloudflare e-mail obfuscation', '+1.9 [email protected] on ScanNet detection, and +8.1 [email protected] on S3DIS', '+1.9 […] on ScanNet detection, and +8.1 […] on S3DIS', '+1.9 […] on ScanNet detection, and +8.1 […] on S3DIS'],
  ['001:255 braces after a URL', 'is available at https://cg-taylor-acce.github.io/CG-Taylor/{here.}', 'is available at https://cg-taylor-acce.github.io/CG-Taylor/ here.', 'is available at https://cg-taylor-acce.github.io/CG-Taylor/ here.'],
  ['004:367 stray braces', 'Yet, as LLMs grow {in size}, the substantial', 'Yet, as LLMs grow in size, the substantial', 'Yet, as LLMs grow in size, the substantial'],
  ['000:231 stray braces around a list', 'improvements of {1.03%, 0.78%, 1.09%} on challenging reasoning tasks {ASDiv-A, MAWPS, SVAMP}', 'improvements of 1.03%, 0.78%, 1.09% on challenging reasoning tasks ASDiv-A, MAWPS, SVAMP', 'improvements of 1.03%, 0.78%, 1.09% on challenging reasoning tasks ASDiv-A, MAWPS, SVAMP'],
  ['002:47 ASCII comparisons', 'short-sequence (<= 512) input data, while ... long-sequence input data (>= 512)', 'short-sequence (≤ 512) input data, while ... long-sequence input data (≥ 512)', 'short-sequence (≤ 512) input data, while ... long-sequence input data (≥ 512)'],
  ['000:183 TeX tie and quotes', 'large language models~(LLMs) ... often hits a ``memory wall\'\', i.e., even', 'large language models (LLMs) ... often hits a “memory wall”, i.e., even', 'large language models (LLMs) ... often hits a “memory wall”, i.e., even'],
  ['002:227 tildes meaning about/to stay', 'a substantial gain (~2%) ... by 10~30% ... (13~15M)', 'a substantial gain (~2%) ... by 10~30% ... (13~15M)', 'a substantial gain (~2%) ... by 10~30% ... (13~15M)'],
  ['000:31 caret power', 'the growing memory (i.e., O(L^2) complexity)', 'the growing memory (i.e., O(L²) complexity)', 'the growing memory (i.e., O(L²) complexity)'],
  ['000:151 caret power', 'at least 10^23 FLOPs', 'at least 10²³ FLOPs', 'at least 10²³ FLOPs'],
  ['004:359 caret in a name', 'M^3ViT is the latest multi-task ViT model', 'M³ViT is the latest multi-task ViT model', 'M³ViT is the latest multi-task ViT model'],
  ['003:125 nested braces in a power', 'but can reach O(L^{{4}/{3}}) globally', 'but can reach O(L^(4/3)) globally', 'but can reach O(L^(4/3)) globally'],
  ['004:23 lost backslash geq', 'for any values of M geq d^2 within', 'for any values of M $\\geq$ d² within', 'for any values of M ≥ d² within'],
  ['004:383 lost backslashes mathcal/varepsilon', 'derive a mathcal{O}(varepsilon^{-2.5}) sample complexity ... mathcal{O}(varepsilon^{-3})', 'derive a O($\\varepsilon^{-2.5}$) sample complexity ... O($\\varepsilon^{-3}$)', 'derive a O(ε^(-2.5)) sample complexity ... O(ε⁻³)'],
  ['002:307 lost backslashes langle/rangle', 'min_{x} | langle exp(Ax), {bf 1}_n rangle^{-1} exp(Ax) - b |_2', 'min_x | $\\langle$ exp(Ax), 1_n $\\rangle^{-1}$ exp(Ax) - b |_2', 'min_x | ⟨ exp(Ax), 1_n ⟩⁻¹ exp(Ax) - b |_2'],
  ['002:71 Greek names that lost their backslash in a formula', 'scales in norm as eta/lambda with ... approximately as eta/lambdacdot d^{0.75}. ... rule eta_2propto d^{-1} ... trained at eta_1=Theta_d(1) and lambda_1=0', 'scales in norm as $\\eta$/$\\lambda$ with ... approximately as $\\eta$/$\\lambda\\cdot$ d^(0.75). ... rule $\\eta_2\\propto$ d⁻¹ ... trained at $\\eta_1$=$\\Theta_d$(1) and $\\lambda_1$=0', 'scales in norm as η/λ with ... approximately as η/λ· d^(0.75). ... rule η₂∝ d⁻¹ ... trained at η₁=Θ_d(1) and λ₁=0'],
  ['002:71 Greek words stay words outside formulas and URLs', 'an alpha version of https://x.org/delta_lake (muP)', 'an alpha version of https://x.org/delta_lake (muP)', 'an alpha version of https://x.org/delta_lake (muP)'],
  ['002:187 subscript group', 'as S(True) + D_{KL}(True||Model)', 'as S(True) + D_KL(True||Model)', 'as S(True) + D_KL(True||Model)'],
  ['000:327 square brackets stay', 'available at [https://github.com/luoyuanlab/Clinical-Longformer] the', 'available at [https://github.com/luoyuanlab/Clinical-Longformer] the', 'available at [https://github.com/luoyuanlab/Clinical-Longformer] the'],
  ['001:143 ampersands stay', 'PaLM 2, Llama, & ViTs (decoders & encoders)', 'PaLM 2, Llama, & ViTs (decoders & encoders)', 'PaLM 2, Llama, & ViTs (decoders & encoders)'],
];

// constructed cases: valid math is kept, bad math becomes text, nothing is markup
const MORE_CASES: Array<[string, string, string, string]> = [
  ['valid math kept', 'costs $O(n^2)$ time', 'costs $O(n^2)$ time', 'costs O(n²) time'],
  ['macro math kept', 'PixArt-$\\alpha$', 'PixArt-$\\alpha$', 'PixArt-α'],
  ['balanced math without TeX letters kept', 'costs $5$ and $α$', 'costs $5$ and $α$', 'costs 5 and α'],
  ['a math symbol inside a text command', 'a \\textbf{\\alpha} b', 'a $\\alpha$ b', 'a α b'],
  ['adjacent math symbols make one formula', '\\alpha\\beta and $x$\\times 3', '$\\alpha\\beta$ and $x\\times$ 3', 'αβ and x× 3'],
  ['a symbol keeps its scripts', 'a \\leq_{x+1}^2 b', 'a $\\leq_{x+1}^2$ b', 'a ≤_(x+1)² b'],
  ['Unicode symbols in text stay text', 'we get 4× faster, α ≥ 2', 'we get 4× faster, α ≥ 2', 'we get 4× faster, α ≥ 2'],
  ['symbols in arguments spelled out', '\\frac{\\alpha}{2}', 'α/2', 'α/2'],
  ['private-use marks in the input are dropped', 'a \uE000\\times\uE001 b', 'a $\\times$ b', 'a × b'],
  ['unknown macro in math becomes text', 'we use $\\proj$ here', 'we use proj here', 'we use proj here'],
  ['prices are not math', 'from $5 to $10 a month', 'from \\$5 to \\$10 a month', 'from $5 to $10 a month'],
  ['escaped dollar stays literal', 'only \\$3 each', 'only \\$3 each', 'only $3 each'],
  ['display math becomes inline', 'so $$x^2$$ holds', 'so $x^2$ holds', 'so x² holds'],
  ['sets and scripts in plain text', '$W \\in \\mathbb{R}^{n \\times d}$, $\\ell_2$, $10^{-3}$', '$W \\in \\mathbb{R}^{n \\times d}$, $\\ell_2$, $10^{-3}$', 'W ∈ ℝ^(n × d), ℓ₂, 10⁻³'],
  ['fraction and root in plain text', '$\\frac{1}{\\sqrt{d}}$', '$\\frac{1}{\\sqrt{d}}$', '1/√d'],
  ['macro definitions are never math', '$\\gdef\\x{1}\\x$', 'gdefx1x', 'gdefx1x'],
  ['textbf and emph', 'a \\textbf{bold} and \\emph{new} idea', 'a bold and new idea', 'a bold and new idea'],
  ['cite dropped', 'as shown~\\cite{foo2020} before', 'as shown before', 'as shown before'],
  ['accent with braces', 'G\\"{o}del and \\c{c}a and \\v{S}', 'Gödel and ça and Š', 'Gödel and ça and Š'],
  ['markup is text', '<script>alert(1)</script> {x}', '<script>alert(1)</script> x', '<script>alert(1)</script> x'],
  ['whitespace, BOM and controls', '\uFEFF  a\r\n\tb\u0000c\u202Ed  ', 'a bcd', 'a bcd'],
  ['lone surrogate replaced', 'a\uD800b', 'a\uFFFDb', 'a\uFFFDb'],
  ['empty', '   ', '', ''],
];

describe('normalizeText on real seed residue', () => {
  it.each([...SEED_CASES, ...MORE_CASES])('%s', (_name, raw, clean, plain) => {
    const out = normalizeText(raw);
    expect(out).toBe(clean);
    expect(toPlainText(out)).toBe(plain);
    expect(normalizeText(out)).toBe(out);
  });
});

describe('math symbols in text', () => {
  it.each([...MATH_SYMBOLS])('\\%s alone is KaTeX math, spelled out in plain text', (name) => {
    const clean = normalizeText(`a \\${name} b`);
    expect(clean).toBe(`a $\\${name}$ b`);
    expect(katexAccepts(`\\${name}`)).toBe(true);
    expect(toPlainText(clean)).not.toMatch(/[\\$]/);
  });
});

describe('splitMath', () => {
  it('splits text and math, unescaping literal dollars', () => {
    expect(splitMath('a \\$5 and $x^2$ b')).toEqual([
      { kind: 'text', value: 'a $5 and ' },
      { kind: 'math', tex: 'x^2' },
      { kind: 'text', value: ' b' },
    ]);
  });
  it('does not close math on an escaped dollar inside it', () => {
    expect(splitMath('$a\\$b$c')).toEqual([
      { kind: 'math', tex: 'a\\$b' },
      { kind: 'text', value: 'c' },
    ]);
  });
  it('treats unclosed and empty dollars as text', () => {
    expect(splitMath('a $$ b')).toEqual([{ kind: 'text', value: 'a $$ b' }]);
    expect(splitMath('a $b')).toEqual([{ kind: 'text', value: 'a $b' }]);
  });
});

// strings built from the TeX residue alphabet, to reach the interesting paths often
const texish = fc.string({
  unit: fc.constantFrom(
    '\\', '$', '{', '}', '^', '_', '~', ' ', 'a', 'x', 'Z', '1', '9', '.', ',', '-', '(', ')', '%', "'", '`',
    '"', '<=', '>=', 'times', 'sim', 'approx', 'alpha', 'bf', 'frac', 'href', 'geq', 'textbf', 'cite',
    'mathcal', 'https://x.org/', '[email protected]', 'é', 'α', '\u0301', '\uD800', '\u202E', '\n',
    '\\times', '\\alpha', '\\leq', 'eta', 'cdot', '\uE000', '\uE001',
  ),
  maxLength: 60,
});
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  texish,
);

describe('normalizeText properties', () => {
  it('never throws and returns a string', () => {
    fc.assert(fc.property(anyString, (s) => typeof normalizeText(s) === 'string'), { numRuns: 3000 });
  });

  it('emits only math KaTeX accepts', () => {
    fc.assert(fc.property(anyString, (s) => mathOf(normalizeText(s)).every(katexAccepts)), { numRuns: 3000 });
  });

  it('round-trips through splitMath and joinMath', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const clean = normalizeText(s);
        expect(joinMath(splitMath(clean))).toBe(clean);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves no TeX in plain text', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const clean = normalizeText(s);
        const plain = toPlainText(clean);
        expect(plain).not.toMatch(/[\\{}]/);
        // every `$` left in plain text is a literal dollar of the clean text, no math delimiter
        const literal = splitMath(clean).reduce(
          (n, seg) => n + (seg.kind === 'text' ? seg.value : seg.tex.replace(/[^$]/g, '')).replace(/[^$]/g, '').length,
          0,
        );
        expect(plain.replace(/[^$]/g, '').length).toBe(literal);
      }),
      { numRuns: 3000 },
    );
  });

  it('survives huge and deeply nested input', () => {
    const huge = 'PixArt-$\\alpha$ \\"o {\\bf x} 40times \\300 $5 '.repeat(20_000);
    const out = normalizeText(huge);
    expect(out.length).toBeGreaterThan(100_000);
    expect(normalizeText('{'.repeat(100_000) + 'x' + '}'.repeat(100_000))).toBe('x');
    expect(normalizeText('^{'.repeat(50_000) + '2')).not.toMatch(/[\\{}]/);
    expect(typeof normalizeText('\\"'.repeat(100_000))).toBe('string');
    expect(typeof normalizeText('$'.repeat(100_001) + 'x')).toBe('string');
    expect(typeof normalizeText('$a$'.repeat(50_000))).toBe('string');
    // inputs aimed at quadratic scans (vitest's timeout catches a blow-up)
    for (const unit of ['alpha_', 'cdot', 'lambdacdot', 'https://x.org/alpha_', 'a/beta/', '~{', '\\"{', '^{', '\\cite{', '$x_{', '{bf ']) {
      expect(normalizeText(unit.repeat(200_000 / unit.length))).not.toMatch(/^\s/);
    }
    const manyMath = Array.from({ length: 1000 }, (_, i) => `$x_{${i}}$`).join(' ');
    expect(mathOf(normalizeText(manyMath)).length).toBe(200);
  });
});

describe('every seed line', () => {
  const lines = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) =>
      readFileSync(SEEDS + f, 'utf8')
        .split(/\r?\n/)
        .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
        .filter(({ line }) => line.trim() !== ''),
    );

  it('reads the seeds', () => {
    expect(lines.length).toBeGreaterThan(900);
  });

  it('normalizes to clean text without TeX residue', () => {
    const residue: string[] = [];
    for (const { where, line } of lines) {
      const clean = normalizeText(line);
      expect(normalizeText(clean), where).toBe(clean);
      for (const tex of mathOf(clean)) expect(katexAccepts(tex), `${where}: ${tex}`).toBe(true);
      const plain = toPlainText(clean);
      if (/\\[A-Za-z%$"'`^~]|[{}]|\$(?!\d)|\b(?:\d+times|textasciitilde|mathcal|varepsilon|email protected)\b/.test(plain)) {
        residue.push(`${where}: ${plain}`);
      }
    }
    expect(residue).toEqual([]);
  });
});
