// DisposableStack, AsyncDisposableStack and SuppressedError for Node 22: the
// spec's behaviour with JavaScriptCore's messages (pinned here as Bun 1.4.5
// prints them), and, where this Node has the built-ins (Node 24), the same
// outcome as V8's on random programs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AsyncDisposableStack, DisposableStack, SuppressedError } from "../src/internal/globals/disposable-stack.ts";

const caught = (f: () => unknown): string => {
  try {
    f();
    return "no error";
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
};

describe("DisposableStack", () => {
  it("throws Bun's errors, by class and message", () => {
    const disposed = new DisposableStack();
    disposed.dispose();
    expect([
      caught(() => (DisposableStack as unknown as () => unknown)()),
      caught(() => new DisposableStack().use(1)),
      caught(() => new DisposableStack().use({})),
      caught(() => new DisposableStack().adopt(1, 2 as never)),
      caught(() => new DisposableStack().defer(1 as never)),
      caught(() => disposed.use(null)),
      caught(() => disposed.move()),
      caught(() => DisposableStack.prototype.dispose.call({})),
      caught(() => Object.getOwnPropertyDescriptor(DisposableStack.prototype, "disposed")?.get?.call({})),
    ]).toEqual([
      "TypeError: calling DisposableStack constructor without new is invalid",
      "TypeError: Disposable value must be an object",
      "TypeError: @@dispose must not be undefined or null",
      "TypeError: DisposableStack.prototype.adopt requires that onDispose argument be a callable",
      "TypeError: DisposableStack.prototype.defer requires that onDispose argument be a callable",
      "ReferenceError: DisposableStack.prototype.use requires that |this| be a pending DisposableStack object",
      "ReferenceError: DisposableStack.prototype.move requires that |this| be a pending DisposableStack object",
      "TypeError: DisposableStack.prototype.dispose requires that |this| be a DisposableStack object",
      "TypeError: DisposableStack.prototype.disposed getter requires that |this| be a DisposableStack object",
    ]);
  });

  it("has the built-in's shape", () => {
    const stack = new DisposableStack();
    expect(Object.prototype.toString.call(stack)).toBe("[object DisposableStack]");
    expect((DisposableStack.prototype as unknown as Record<symbol, unknown>)[Symbol.dispose]).toBe(DisposableStack.prototype.dispose);
    expect(DisposableStack.prototype.constructor).toBe(DisposableStack);
    expect([DisposableStack.name, DisposableStack.length, DisposableStack.prototype.use.length, DisposableStack.prototype.adopt.length]).toEqual(["DisposableStack", 0, 1, 2]);
    class Sub extends DisposableStack {}
    const sub = new Sub();
    expect(sub).toBeInstanceOf(DisposableStack);
    expect(Object.getPrototypeOf(sub.move())).toBe(DisposableStack.prototype);
  });

  it("disposes last-in first-out, once, and folds errors into SuppressedErrors", () => {
    const order: string[] = [];
    const stack = new DisposableStack();
    stack.defer(() => order.push("defer1"));
    stack.use({
      [Symbol.dispose]() {
        order.push("use");
        throw new Error("e1");
      },
    });
    stack.adopt("v", (value) => {
      order.push(`adopt ${value}`);
      throw new Error("e2");
    });
    stack.use(null);
    stack.defer(() => order.push("defer2"));
    let thrown: unknown;
    try {
      stack.dispose();
    } catch (error) {
      thrown = error;
    }
    expect(order).toEqual(["defer2", "adopt v", "use", "defer1"]);
    expect(thrown).toBeInstanceOf(SuppressedError);
    const suppressed = thrown as { error: Error; suppressed: Error; message: string };
    expect([suppressed.error.message, suppressed.suppressed.message, suppressed.message, Object.keys(suppressed)]).toEqual(["e1", "e2", "", []]);
    expect(stack.disposed).toBe(true);
    expect(stack.dispose()).toBeUndefined();
    expect(order).toHaveLength(4);
  });

  it("move() hands the resources over and leaves the stack disposed", () => {
    const order: string[] = [];
    const stack = new DisposableStack();
    stack.defer(() => order.push("moved"));
    const moved = stack.move();
    expect([stack.disposed, moved.disposed]).toEqual([true, false]);
    stack.dispose();
    expect(order).toEqual([]);
    moved.dispose();
    expect(order).toEqual(["moved"]);
  });
});

describe("SuppressedError", () => {
  it("is an Error, callable with or without new, with Bun's shape", () => {
    const error = new SuppressedError(1, 2, "m");
    expect([error instanceof Error, error.error, error.suppressed, error.message, error.name, Object.keys(error), SuppressedError.length]).toEqual([true, 1, 2, "m", "SuppressedError", [], 3]);
    expect(Object.hasOwn(new SuppressedError(1, 2), "message")).toBe(false);
    expect(SuppressedError(1, 2, "x").message).toBe("x");
    expect(String(new SuppressedError(0, 0, "why"))).toBe("SuppressedError: why");
  });
});

describe("AsyncDisposableStack", () => {
  it("awaits each resource last-in first-out, sync @@dispose too, and rejects with Bun's errors", async () => {
    const order: string[] = [];
    const stack = new AsyncDisposableStack();
    stack.use({ [Symbol.dispose]: () => void order.push("sync-dispose") });
    stack.use({ [Symbol.asyncDispose]: async () => void order.push("async") });
    stack.use(null);
    stack.defer(async () => void order.push("defer"));
    const done = stack.disposeAsync();
    expect([done instanceof Promise, stack.disposed]).toEqual([true, true]);
    await done;
    expect(order).toEqual(["defer", "async", "sync-dispose"]);
    expect(caught(() => new AsyncDisposableStack().use({}))).toBe("TypeError: @@asyncDispose and @@dispose must not be undefined or null");
    await expect(AsyncDisposableStack.prototype.disposeAsync.call({})).rejects.toThrow("AsyncDisposableStack.prototype.disposeAsync requires that |this| be a AsyncDisposableStack object");
    const failing = new AsyncDisposableStack();
    failing.defer(() => {
      throw new Error("x1");
    });
    failing.defer(async () => {
      throw new Error("x2");
    });
    await expect(failing.disposeAsync()).rejects.toMatchObject({ name: "SuppressedError", error: { message: "x1" }, suppressed: { message: "x2" } });
  });
});

type Step = { kind: "use" | "adopt" | "defer"; throws: boolean };

/** Runs `steps` on a stack class and reports the order and the error's structure. */
function outcome(Stack: new () => { use(value: unknown): unknown; adopt(value: unknown, f: (v: unknown) => void): unknown; defer(f: () => void): void; dispose(): void }, steps: Step[]): unknown {
  const order: number[] = [];
  const stack = new Stack();
  steps.forEach((step, index) => {
    const run = (): void => {
      order.push(index);
      if (step.throws) throw new Error(String(index));
    };
    if (step.kind === "use") stack.use({ [Symbol.dispose]: run });
    else if (step.kind === "adopt") stack.adopt(index, run);
    else stack.defer(run);
  });
  const shape = (error: unknown): unknown =>
    error instanceof Error && error.name === "SuppressedError" ? { error: shape((error as unknown as { error: unknown }).error), suppressed: shape((error as unknown as { suppressed: unknown }).suppressed) } : (error as Error).message;
  try {
    stack.dispose();
    return { order };
  } catch (error) {
    return { order, error: shape(error) };
  }
}

const native = (globalThis as { DisposableStack?: unknown }).DisposableStack;

describe.runIf(native !== undefined && native !== DisposableStack)("against this engine's own DisposableStack", () => {
  it("the same order and the same error structure on random programs (fast-check)", () => {
    const steps = fc.array(fc.record({ kind: fc.constantFrom("use" as const, "adopt" as const, "defer" as const), throws: fc.boolean() }), { maxLength: 12 });
    fc.assert(
      fc.property(steps, (program) => {
        expect(outcome(DisposableStack, program)).toEqual(outcome(native as typeof DisposableStack, program));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
