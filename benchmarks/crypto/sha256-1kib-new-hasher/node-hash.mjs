// Plain Node's one-shot: crypto.hash("sha256", bytes, "buffer") (Node >= 21.7), no Hash object.
import { hash } from "node:crypto";
import { runSmall } from "../lib.mjs";

runSmall((bytes) => hash("sha256", bytes, "buffer"));
