// @hono/node-server: Hono's adapter from fetch handlers to node:http.
import { serve } from "@hono/node-server";
import { drive, HELLO } from "../lib.mjs";

serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response(HELLO) }, (info) => void drive(info.port));
