// @hono/node-server with Hono's router answering the one static path.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { drive, HELLO } from "../lib.mjs";

const app = new Hono().get("/", (c) => c.text(HELLO));
serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch }, (info) => void drive(info.port));
