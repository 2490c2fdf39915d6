// @hono/node-server echoing a JSON POST body through a plain fetch handler.
import { serve } from "@hono/node-server";
import { drive, ECHO_DOCUMENT } from "../lib.mjs";

const body = JSON.stringify(ECHO_DOCUMENT);
serve({ port: 0, hostname: "127.0.0.1", fetch: async (req) => Response.json(await req.json()) }, (info) => void drive(info.port, { method: "POST", body, expectBody: body }));
