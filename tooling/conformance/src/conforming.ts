/**
 * `Ours` conforms to `Theirs` when every export they share has Bun's declared
 * type (what we add beyond Bun is left alone: COVERAGE.md lists it as extra).
 * Use: `ours satisfies Conforming<typeof ours, typeof import("bun")>`.
 */
export type Conforming<Ours, Theirs> = { [K in keyof Ours]: K extends keyof Theirs ? Theirs[K] : Ours[K] };
