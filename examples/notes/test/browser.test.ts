// What a browser sees: the notes page served by Node + dx-compat, in real
// Chromium. One page signs up and posts a note; a second page, already open,
// shows it arrive over the WebSocket feed without reloading.
import { scratchDir } from "@dx-compat/oracle";
import { rmSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interrupt, start, type Service } from "./service.ts";

let browser: Browser;
let service: Service;
const dataDir = scratchDir("dx-notes-browser-");

beforeAll(async () => {
  service = await start("node", dataDir);
  browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (service !== undefined) await interrupt(service);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the notes page in Chromium, served by Node + dx-compat", () => {
  it("signs up, posts a note, and a second open page receives it from the feed", async () => {
    const errors: string[] = [];
    const [writer, reader] = await Promise.all([browser.newPage(), browser.newPage()]);
    for (const page of [writer, reader]) page.on("pageerror", (error) => errors.push(error.message));
    await Promise.all([writer.goto(service.url), reader.goto(service.url)]);
    await reader.locator("#status").filter({ hasText: "live: 0 notes" }).waitFor({ timeout: 15_000 });

    await writer.fill("#sign-up [name=name]", "grace");
    await writer.fill("#sign-up [name=password]", "hopper-1906");
    await writer.click("#sign-up button");
    await writer.locator("#status").filter({ hasText: "signed up as grace" }).waitFor({ timeout: 15_000 });
    await writer.fill("#new-note [name=text]", "COBOL at <b>noon</b>");
    await writer.click("#new-note button");

    // Text, not markup: the page inserts notes with textContent.
    await reader.locator("#note-1").waitFor({ timeout: 15_000 });
    expect(await reader.locator("#note-1").textContent()).toBe("grace: COBOL at <b>noon</b>");
    await writer.locator("#note-1").waitFor({ timeout: 15_000 });
    expect(await reader.locator("#notes li").count()).toBe(1);

    // A fresh page lists it from the API, and the stylesheet came with the right type.
    const late = await browser.newPage();
    const css = late.waitForResponse((response) => response.url().endsWith("/style.css"));
    await late.goto(service.url);
    expect((await css).headers()["content-type"]).toBe("text/css;charset=utf-8");
    await late.locator("#note-1").waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
