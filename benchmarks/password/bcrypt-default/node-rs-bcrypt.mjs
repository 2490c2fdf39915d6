// The npm alternative (Node has no bcrypt): @node-rs/bcrypt at the same cost, async.
import { hash } from "@node-rs/bcrypt";
import { BCRYPT_DEFAULT_COST, PASSWORD, runHashes } from "../lib.mjs";

await runHashes(() => hash(PASSWORD, { cost: BCRYPT_DEFAULT_COST }), { count: 24 });
