export { backend } from "./backend.ts";
export { hashFunctions, type HashAlgorithm, type HashBinding, type HashInput } from "./hash.ts";
export { readFile, readFileSync } from "./read-file.ts";
