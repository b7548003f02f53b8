/**
 * The taxonomy that ships with lectern: the four themes of DESIGN.md §2 and their evidence.
 * A content folder without `themes.yaml` uses it (every command says so), and
 * `npm run themes -- init` writes it out as `<content>/themes.yaml` for a group to edit.
 * Kept as text (no file I/O in core), exactly the file `init` writes.
 */
export const DEFAULT_TAXONOMY_YAML = `# The reading group's themes: what the site lists and what the classifier looks for.
#
# Add a theme by adding an entry below (no code change). Each theme has:
#   slug         permanent id used in paper frontmatter (\`themes:\`) and URLs; lower-case-hyphenated
#   name         display name
#   summary      one line for readers, shown on theme cards and as the theme page's lead
#   criteria     what belongs here and what does not, shown under "What belongs here" on the
#                theme page (the classifier reads only the evidence below)
#   threshold    points a paper needs to get the theme
#   evidence     groups of phrases with a weight: each distinct phrase found in the abstract earns
#                the weight (1.5x if it occurs twice), found in the title it earns weight x title_weight
#   mask         (optional) look-alike phrases blanked out before matching, e.g. "vector quantization"
#   against      (optional) phrases that subtract points
# Phrases are JavaScript regular expressions matched on whole words of the lower-cased title and
# abstract, where hyphens, slashes and underscores read as spaces ("mixture-of-experts" is
# "mixture of experts"). Quote a phrase that contains ": " or " #".
# Check your change with \`npm run themes -- report\` and \`npm run themes -- reclassify --dry-run\`.

# A title phrase counts this many times its weight.
title_weight: 3
# An abstract phrase preceded in its sentence by one of these cues is a mention in passing
# ("existing methods such as sparse attention") and counts passing_factor of its weight.
passing_cues:
  - such as
  - e\\.? ?g\\.?
  - for example
  - for instance
  - including
  - like
  - combined with
  - combine
  - orthogonal to
  - compatible with
  - complementary to
  - unlike
  - in contrast to
  - compared (?:to|with)
  - than
  - rather than
  - instead of
  - beyond
  - inspired by
  - existing
  - previous(?:ly)?
  - prior
  - other
  - versus
  - vs\\.?
  - alternatives? to
  - whereas
  - while
  - added to
  - on top of
  - in addition to
  - together with
  - along ?side|along with
# Titles of surveys and benchmarks: these are labeled by what they list, so their mentions in
# passing count in full.
survey_cues:
  - survey
  - review
  - overview
  - benchmark(?:ing)?
  - tutorial
passing_factor: 0.25
passing_window: 90
# Results within this fraction of the threshold are listed as borderline by \`themes report\`.
borderline: 0.35

themes:
  - slug: efficient-attention
    name: Efficient attention
    summary: "Making attention itself cheaper: sparse or linear attention, IO-aware kernels, KV-cache compression."
    criteria: >
      Work whose contribution makes attention itself cheaper in compute or memory, or
      approximates or caches it to cut cost: sparse, windowed or local patterns, linear, kernel
      or low-rank attention, IO-aware kernels such as FlashAttention, KV-cache compression,
      eviction, sharing or quantization, multi-query and grouped-query attention, and long
      context when the point is cost. Token pruning or merging belongs here only when it is
      framed as cutting attention cost. Papers that merely use a Transformer do not.
    threshold: 4
    mask:
      - (?:best|top|strong|strongest|worst|good|poor|better|weaker|stronger|high|low) performers?
    evidence:
      - weight: 4
        phrases:
          - flash ?attention(?:\\s?\\d)?
          - paged ?attention
          - (?:sparse|linear|linearized|linearised|kernelized|kernelised|kernel|low rank|block sparse|dilated|axial|efficient|approximate|sub ?quadratic|linear complexity|linear time|hashing|lsh|routing|memory efficient|io aware|softmax free|chunk|hierarchical|streaming|dynamic sparse|hybrid sparse|switchable|trainable sparse|fast|lightweight|subsampled|fused|ring|blockwise|tiled) (?:\\w+ )?(?:multi head )?(?:self |cross )?(?:attentions?|mha|mhsa)
          - (?:multi|grouped) query attention
          - multi head latent attention
          - lineari[sz]\\w* (?:the )?(?:transformers?|attention|softmax attention|self attention)
          - (?:kv|key value) (?:cache|caching) (?:compression|eviction|quantization|sharing|reduction|dropping|pruning|selection|offloading|retention|management|memory management)
          - (?:compress\\w*|evict\\w*|prun\\w*|drop\\w*|shar\\w*|quantiz\\w*|reduc\\w*|approximat\\w*|select\\w*) (?:the |of |its )?(?:kv|key value) (?:cache|caches|caching|pairs|pages|states)
          - efficient (?:transformers?|attentions?)
          - linformer|performer|reformer|longformer|big ?bird|nystr.?mformer|cosformer|sinkhorn transformer|linear transformers?|sparse transformers?
          - long range arena
          - i ?o (?:aware|awareness|complexity)
      - weight: 2
        phrases:
          - (?:kv|key value) (?:cache|caches|caching)
          - (?:sliding window|shifted window|window(?:ed)?|local) (?:\\w+ )?(?:multi head )?(?:self )?(?:attentions?|mha|mhsa)
          - attention (?:computation|complexity|cost|costs|overhead|bottleneck|bottlenecks|kernel|kernels|approximation|matrix multiplication|execution|accelerators?|acceleration|speedups?)
          - accelerat\\w* (?:the )?(?:self )?attention
          - (?:complexity|cost|costs|overhead|footprint|requirements?) of (?:the )?(?:\\w+ ){0,3}attention
          - (?:self )?attention(?:'s)? (?:\\w+ ){0,2}(?:quadratic|linear) (?:\\w+ ){0,3}complexity
          - attention (?:\\w+ ){0,4}(?:linear|sub ?quadratic|log linear) (?:time|complexity|memory|cost)
          - approximat\\w* (?:the )?(?:full )?(?:self )?attention
          - (?:window|local|sparse|low rank|linear) attention (?:pattern|patterns|approximation)
          - token (?:pruning|merging|selection|reduction|dropping) (?:\\w+ ){0,6}(?:attention|quadratic)
          - time to first token|ttft|prefill\\w*|decode phase|decoding stage
          - long (?:context|sequence)s? (?:inference|serving|llm serving|processing|modeling|modelling)
      - weight: 1
        phrases:
          - quadratic (?:\\w+ ){0,4}(?:complexity|cost|costs|growth|scaling)
          - memory footprint
          - long (?:context|sequences?)
          - subquadratic|sub quadratic
          - mqa|gqa
          - (?:shifted|local|non overlapping) windows?
    against:
      - weight: 3
        phrases:
          - mamba\\d?|state space models?|ssms?|rwkv|retnet|recurrent (?:alternatives?|architectures?|models?)
      - weight: 1
        phrases:
          - vision language|multimodal fusion

  - slug: quantization
    name: Quantization
    summary: "Lower numeric precision for weights, activations or the KV cache: INT8, INT4, FP8, 1-bit."
    criteria: >
      Lower numeric precision of weights, activations, gradients or the KV cache: INT8, INT4 and
      INT2, FP8, binary, ternary and 1-bit networks, mixed precision, post-training quantization
      (PTQ) and quantization-aware training (QAT). Pruning, distillation or low-rank factorization
      alone do not belong here.
    threshold: 4
    mask:
      - vector quantiz\\w*
      - product quantiz\\w*
      - residual quantiz\\w*
      - vq(?:\\svae)?
    evidence:
      - weight: 4
        phrases:
          - quanti[sz]\\w*
          - binari[sz]\\w*|binary (?:neural networks?|weights?|codes?)|ternary|1 bit|one bit|2 bit|3 bit|4 bit|8 bit|low bit|\\d+ ?bits? ?(?:\\/ ?weight|per weight)|bits? per weight
          - int ?(?:2|3|4|8)|fp ?(?:4|6|8)|nf4
          - mixed precision
          - ptq|qat
          - bit ?widths?
          - weight clustering
      - weight: 2
        phrases:
          - (?:low|lower|reduced) (?:numerical |numeric )?precision
      - weight: 1
        phrases:
          - outliers?
          - floating point|fp32|fp16|bf16|bfloat16|16 bit|32 bit

  - slug: moe
    name: Mixture of experts
    summary: "Mixture-of-experts models and router-based conditional computation."
    criteria: >
      Mixture-of-experts models and router-based conditional computation: sparsely activated
      experts, routing and load balancing, expert merging and upcycling of dense models, and
      mixture-of-depths or other router-based layer and block skipping.
    threshold: 4
    mask:
      - routing attention
      - (?:kv|key value) routing
      - routed regions
      - (?:human|domain|clinical|medical|legal) experts?
      - expert (?:demonstrations?|knowledge|annotat\\w*|level|feedback|policy|policies|trajectories|data)
    evidence:
      - weight: 4
        phrases:
          - mixtures? of (?:\\w+ ){0,2}experts?
          - moes?|smoes?|v moe|moe \\w+
          - mixtures? of (?:depths?|blocks|hidden dimensions?|transformers|attention heads|modules|adapters|loras?)
          - sparse(?:ly)? (?:activated|gated) (?:\\w+ ){0,2}(?:experts?|models?|mixtures?|transformers?|networks?)
          - switch transformers?
          - (?:expert|experts) (?:routing|router|routers|merging|parallelism|choice|capacity|specialization|specialisation|load|layers?|selection|activation|weights averaging)
          - load balanc\\w*
          - upcycl\\w*
          - composition of experts
          - conditional computation
          - routed (?:ffn|feed forward|experts?|mlp)
      - weight: 2
        phrases:
          - router|routers|routing (?:mechanism|network|policy|policies|function|methods?|inputs? to experts)
          - gating (?:mechanism|network) (?:\\w+ ){0,6}(?:determines?|decides?|selects?|activates?)
          - (?:skip\\w* (?:the )?(?:computation|layers?|blocks?)|(?:layer|block) skipping|(?:blocks?|layers?) can be skipped)
          - dynamically activat\\w*|sparse(?:ly)? activat\\w*|activated parameters
          - modular (?:architecture|neural networks?|models?|transformers?)
      - weight: 1
        phrases:
          - experts?

  - slug: ssm
    name: State-space and recurrent models
    summary: "State-space models and modern recurrent networks as alternatives to attention: Mamba, RWKV, RetNet."
    criteria: >
      State-space models and modern recurrent sequence models offered as alternatives to
      attention: S4, Mamba and Mamba-2, RWKV, RetNet, xLSTM, gated linear recurrences and hybrids
      of these with attention, and linear attention framed as an RNN. Classic LSTM or GRU
      applications do not belong here.
    threshold: 4
    mask:
      - lru (?:cache|caching|eviction|policy|policies|replacement)
      - least recently used
    evidence:
      - weight: 4
        phrases:
          - mamba ?\\d?|\\w+mamba|mamba\\w+
          - (?:structured |selective |linear )?state ?space (?:models?|modeling|modelling|layers?|sequence models?)
          - ssms?|s4d?|s5|h3
          - rwkv|retnet|retentive networks?|xlstm|mlstm|slstm|hyena|griffin|recurrentgemma|gated ?delta ?net|deltanet|hgrn ?\\d?|gated linear attention|gla|linear recurrent units?|lru|titans
          - modern (?:recurrent|rnn)\\w*|linear (?:rnns?|recurren\\w*)|recurrent (?:alternatives?|architectures?) to
          - (?:attention|transformers?) (?:\\w+ ){0,3}(?:as|are|viewed as|formulated as|into) (?:an? )?(?:special )?(?:rnns?|recurrent neural networks?|recurrent)
          - selective scan
          - legendre memory units?|lmu\\w*
      - weight: 2
        phrases:
          - recurrent (?:models?|architectures?|mode|form|formulation|memory|update|state|states|inference|computation)
          - (?:fixed size|constant size|matrix valued) (?:hidden |memory |recurrent )?states?
          - hidden states? (?:of )?fixed size|constant memory|o ?\\( ?1 ?\\) (?:recurrent )?(?:inference|memory)
          - state (?:tracking|expansion|updat\\w*|summarization|summarisation)
          - gated (?:linear )?recurren\\w*|parallel (?:prefix )?scan
          - long term (?:recurrent )?memory modules?
      - weight: 0.5
        phrases:
          - rnns?|recurrent neural networks?
          - recurrences?
`;
