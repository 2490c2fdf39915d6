// Bun's ResourceUsage: an object whose members are prototype getters (so it
// has no own keys), tagged "ResourceUsage", with null-prototype sub-objects.
import type { ResourceUsage as NativeUsage } from "@dx-compat/native";

const data = new WeakMap<object, NativeUsage>();

function read(self: object): NativeUsage {
  const usage = data.get(self);
  if (usage === undefined) throw new TypeError("Expected this to be a ResourceUsage");
  return usage;
}

const nullProto = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value);

const prototype: object = Object.create(Object.prototype, {
  contextSwitches: { get(this: object) { return nullProto({ ...read(this).contextSwitches }); }, enumerable: false, configurable: true },
  cpuTime: { get(this: object) { return nullProto({ ...read(this).cpuTime }); }, enumerable: false, configurable: true },
  maxRSS: { get(this: object) { return read(this).maxRSS; }, enumerable: false, configurable: true },
  messages: { get(this: object) { return nullProto({ ...read(this).messages }); }, enumerable: false, configurable: true },
  ops: { get(this: object) { return nullProto({ ...read(this).ops }); }, enumerable: false, configurable: true },
  shmSize: { get(this: object) { return read(this).shmSize; }, enumerable: false, configurable: true },
  signalCount: { get(this: object) { return read(this).signalCount; }, enumerable: false, configurable: true },
  swapCount: { get(this: object) { return read(this).swapCount; }, enumerable: false, configurable: true },
  [Symbol.toStringTag]: { value: "ResourceUsage", configurable: true },
});

export function resourceUsageObject(usage: NativeUsage): import("bun").ResourceUsage {
  const object = Object.create(prototype) as import("bun").ResourceUsage;
  data.set(object, usage);
  return object;
}
