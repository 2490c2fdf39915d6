// The semver workloads' shared loop: `satisfies(version, range)` over a fixed
// mix of realistic pairs (carets, tildes, x-ranges, hyphen ranges, `||`,
// prereleases), after a warm-up; prints {"ops", "ms"} with ops = calls. The
// count of true results goes to stderr so no call can be optimised away and
// every competitor can be checked to agree.

/** 32 (version, range) pairs as package managers meet them. */
export const pairs = [
  ["1.2.3", "^1.0.0"],
  ["1.2.3", "~1.2.0"],
  ["2.0.0", "^1.0.0"],
  ["0.2.5", "^0.2.3"],
  ["0.3.0", "^0.2.3"],
  ["1.2.3", ">=1.0.0 <2.0.0"],
  ["3.1.4", "1.x || >=2.5.0 || 5.0.0 - 7.2.3"],
  ["1.0.0-beta.2", "^1.0.0-beta.1"],
  ["1.0.0-rc.1", "^1.0.0"],
  ["4.17.21", "^4.17.0"],
  ["18.2.0", ">=16.8.0"],
  ["5.0.0", "*"],
  ["1.2.3", "1.2.3"],
  ["1.2.4", "1.2.3"],
  ["v2.3.4", "2.x"],
  ["2.3.4", "2.3.x"],
  ["10.1.0", "^10.0.0 || ^11.0.0"],
  ["7.0.0", "<=7.0.0-rc.2"],
  ["1.5.0", "1.2 - 1.4"],
  ["0.0.3", "^0.0.3"],
  ["3.0.0", "~2.9.0 || ~3.0.0"],
  ["6.4.1", ">6.0.0 <6.5.0"],
  ["1.0.0", ""],
  ["2.2.2", "> 2.2 || 2.1.0 || >3"],
  ["0.34.0-next.8", ">=0.34.0-next.3 <1.0.0"],
  ["3.3.1", ">=3.3.0-beta.1 <3.4.0-beta.3"],
  ["16.20.2", "^14.17.0 || ^16.10.0 || >=17.0.0"],
  ["1.1.0", "~1"],
  ["0.9.9", ">=1"],
  ["22.11.0", ">=18.12"],
  ["1.2.3", "=1.2.3"],
  ["2.0.0-alpha", "2.0.0-alpha"],
];

/** Time `satisfies` over the pairs, `rounds` times after 200 warm-up rounds. */
export function runSatisfies(satisfies, { rounds = 40_000 } = {}) {
  let matched = 0;
  for (let r = 0; r < 200; r++) for (const [v, range] of pairs) if (satisfies(v, range)) matched++;
  matched = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      if (satisfies(pair[0], pair[1])) matched++;
    }
  }
  const ms = performance.now() - start;
  process.stderr.write(`matched ${matched / rounds} of ${pairs.length}\n`);
  console.log(JSON.stringify({ ops: rounds * pairs.length, ms }));
}
