// The plain-Node alternative: the `semver` package (node-semver, what npm uses).
import semver from "semver";
import { runSatisfies } from "../lib.mjs";

runSatisfies((version, range) => semver.satisfies(version, range));
