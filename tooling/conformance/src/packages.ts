// Each published package, checked against the part of Bun it implements.
// Packages that export nothing yet conform trivially; the lines are here so
// their first export is checked the day it lands.
import type * as BunModule from "bun";
import type * as BunFfi from "bun:ffi";
import type * as BunSqlite from "bun:sqlite";
import * as bun from "@dx-compat/bun";
import * as compile from "@dx-compat/compile";
import * as ffi from "@dx-compat/ffi";
import * as hmr from "@dx-compat/hmr";
import * as html from "@dx-compat/html";
import * as macro from "@dx-compat/macro";
import * as node from "@dx-compat/node";
import * as plugin from "@dx-compat/plugin";
import * as s3 from "@dx-compat/s3";
import * as shell from "@dx-compat/shell";
import * as sqlite from "@dx-compat/sqlite";
import * as web from "@dx-compat/web";
import * as root from "dx-compat";
import type { Conforming } from "./conforming.ts";

/** The globals Bun declares beyond Node's that our packages provide. */
interface BunGlobals {
  HTMLRewriter: typeof HTMLRewriter;
  ShadowRealm: typeof ShadowRealm;
}

/**
 * `node:*` drop-ins conform to Node's own modules. Where `node:fs` and
 * `node:fs/promises` share a name (`readFile`), ours is the promise form.
 */
type NodeFs = typeof import("node:fs");
type NodeFsPromises = typeof import("node:fs/promises");
type NodeModules = Omit<NodeFs, keyof NodeFsPromises> & NodeFsPromises;

bun satisfies Conforming<typeof bun, typeof BunModule>;
shell satisfies Conforming<typeof shell, typeof BunModule>;
s3 satisfies Conforming<typeof s3, typeof BunModule>;
compile satisfies Conforming<typeof compile, typeof BunModule>;
plugin satisfies Conforming<typeof plugin, typeof BunModule>;
macro satisfies Conforming<typeof macro, typeof BunModule>;
hmr satisfies Conforming<typeof hmr, typeof BunModule>;
web satisfies Conforming<typeof web, typeof BunModule & BunGlobals>;
html satisfies Conforming<typeof html, BunGlobals>;
sqlite satisfies Conforming<typeof sqlite, typeof BunSqlite>;
ffi satisfies Conforming<typeof ffi, typeof BunFfi>;
node satisfies Conforming<typeof node, NodeModules>;
root satisfies Conforming<typeof root, typeof BunModule>;
