// Plain Node: a new crypto.createHash("sha256") per input.
import { createHash } from "node:crypto";
import { runSmall } from "../lib.mjs";

runSmall((bytes) => createHash("sha256").update(bytes).digest());
