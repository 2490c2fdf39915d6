// Plain Node's deep strict equality, node:util's isDeepStrictEqual, on the same records.
import { isDeepStrictEqual } from "node:util";
import { runDeepEquals } from "../lib.mjs";

runDeepEquals(isDeepStrictEqual);
