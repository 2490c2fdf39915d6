import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

// Every export is implemented; importing the package installs nothing.
describe("@dx-compat/web", () => {
  it("exports exactly its public API", () => {
    expect(Object.keys(api).sort()).toEqual(["CloseEvent", "ErrorEvent", "FetchSession", "ShadowRealm", "URLPattern", "WebSocket", "Worker", "alert", "confirm", "fetch", "installWebGlobals", "prompt", "reportError"]);
  });

  it("leaves the globals alone until installWebGlobals() is called", () => {
    expect(globalThis.fetch).not.toBe(api.fetch);
    expect(globalThis.WebSocket).not.toBe(api.WebSocket);
    expect(Object.hasOwn(Headers.prototype, "toJSON")).toBe(false);
    for (const name of ["alert", "confirm", "prompt", "reportError", "Worker", "ShadowRealm"]) expect(name in globalThis).toBe(false);
  });
});
