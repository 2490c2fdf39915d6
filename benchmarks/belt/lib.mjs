// The belt workloads' shared data and loop. deep-equals: JSON-like records
// (the shape an `expect(...).toEqual(...)` sees most), each compared with a
// structural clone of itself (equal, so the whole tree is walked) and, one in
// eight, with a clone that differs in a leaf. A count of equal answers goes to
// stderr so no comparison can be optimised away.

/** `count` deterministic records with nested objects, arrays and mixed leaves. */
export function records(count = 1000) {
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    name: `user-${i}`,
    active: i % 3 === 0,
    score: i * 1.25,
    tags: ["alpha", `t${i % 7}`, "omega"],
    address: { street: `${i} Main St`, city: i % 2 ? "Springfield" : "Shelbyville", zip: String(10000 + i) },
    history: [{ at: i, kind: "created" }, { at: i + 1, kind: "updated", by: null }],
    meta: { flags: [true, false, i % 2 === 0], nested: { depth: 3, label: "x".repeat(i % 5) } },
  }));
}

/** Runs `equals(a, b)` over the records and their clones `rounds` times; prints {"ops","ms"}. */
export function runDeepEquals(equals, { rounds = 200 } = {}) {
  const left = records();
  const right = left.map((record, i) => {
    const clone = structuredClone(record);
    if (i % 8 === 0) clone.meta.nested.depth = 4;
    return clone;
  });
  const pass = (times) => {
    let same = 0;
    for (let r = 0; r < times; r++) {
      for (let i = 0; i < left.length; i++) if (equals(left[i], right[i])) same++;
    }
    return same;
  };
  pass(10);
  const start = performance.now();
  const same = pass(rounds);
  const ms = performance.now() - start;
  process.stderr.write(`equal ${same}\n`);
  console.log(JSON.stringify({ ops: rounds * left.length, ms }));
}
