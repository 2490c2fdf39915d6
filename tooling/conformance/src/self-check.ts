// The check has teeth: an export whose type differs from Bun's must fail to
// compile. If `Conforming` ever stopped catching these, each expect-error
// directive below would go unused, and that fails typecheck instead.
import type * as BunModule from "bun";
import type { Conforming } from "./conforming.ts";

const wrongParameter = { sleep: (ms: string): Promise<void> => Promise.resolve(void ms) };
// @ts-expect-error -- Bun.sleep takes number | Date, not string
wrongParameter satisfies Conforming<typeof wrongParameter, typeof BunModule>;

const extraRequiredParameter = { sleepSync: (ms: number, unit: "ms" | "s"): void => void [ms, unit] };
// @ts-expect-error -- Bun.sleepSync takes one argument; a second required one breaks callers
extraRequiredParameter satisfies Conforming<typeof extraRequiredParameter, typeof BunModule>;

const wrongValue = { main: 42 };
// @ts-expect-error -- Bun.main is a string
wrongValue satisfies Conforming<typeof wrongValue, typeof BunModule>;

const extraIsFine = { notInBun: 1 };
extraIsFine satisfies Conforming<typeof extraIsFine, typeof BunModule>;
