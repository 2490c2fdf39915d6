// Bun's declarations of HTMLRewriter (from @types/bun), named where no local
// `HTMLRewriter` shadows the global ones.

/** Bun's HTMLRewriter class. */
export type BunHTMLRewriterClass = typeof HTMLRewriter;

/** A Bun HTMLRewriter instance. */
export type BunHTMLRewriter = HTMLRewriter;
