// Bun's defaults and limits for the `websocket` options of Bun.serve.
import type { WebSocketHandler } from "bun";

export interface WebSocketConfig {
  maxPayloadLength: number;
  /** 0: no limit. */
  backpressureLimit: number;
  closeOnBackpressureLimit: boolean;
  /** Seconds; 0 disables the timeout (and the automatic pings). */
  idleTimeout: number;
  publishToSelf: boolean;
  sendPings: boolean;
  perMessageDeflate: boolean;
}

const MAX_UINT32 = 4_294_967_295;
const SIXTEEN_MIB = 16 * 1024 * 1024;

function clampedUint32(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), 0), MAX_UINT32);
}

/** uWS counts idle time in 4 s ticks; Bun rounds 1–7 s up to 8 s and caps the timeout at 960 s. */
function idleSeconds(value: number | undefined): number {
  if (value === undefined) return 120;
  const seconds = Math.min(Math.max(Math.trunc(value), 0), 960);
  return seconds > 0 && seconds < 8 ? 8 : seconds;
}

function deflateEnabled(option: WebSocketHandler<unknown>["perMessageDeflate"]): boolean {
  if (option === undefined || option === false) return false;
  if (option === true) return true;
  const off = (mode: unknown): boolean => mode === undefined || mode === false || mode === "disable";
  return !(off(option.compress) && off(option.decompress));
}

export function resolveConfig(handler: WebSocketHandler<unknown>): WebSocketConfig {
  return {
    maxPayloadLength: clampedUint32(handler.maxPayloadLength, SIXTEEN_MIB),
    backpressureLimit: clampedUint32(handler.backpressureLimit, SIXTEEN_MIB),
    closeOnBackpressureLimit: handler.closeOnBackpressureLimit === true,
    idleTimeout: idleSeconds(handler.idleTimeout),
    publishToSelf: handler.publishToSelf === true,
    sendPings: handler.sendPings !== false,
    perMessageDeflate: deflateEnabled(handler.perMessageDeflate),
  };
}
