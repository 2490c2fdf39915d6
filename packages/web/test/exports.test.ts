import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

// Every export is implemented; importing the package installs nothing.
describe("@dx-compat/web", () => {
  it("exports exactly its public API", () => {
    expect(Object.keys(api).sort()).toEqual(["CloseEvent", "ErrorEvent", "FetchSession", "URLPattern", "WebSocket", "fetch", "installWebGlobals"]);
  });

  it("leaves the globals alone until installWebGlobals() is called", () => {
    expect(globalThis.fetch).not.toBe(api.fetch);
    expect(globalThis.WebSocket).not.toBe(api.WebSocket);
    expect(Object.hasOwn(Headers.prototype, "toJSON")).toBe(false);
  });
});
