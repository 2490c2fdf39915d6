// Bun's defaults and limits for the `websocket` options of Bun.serve.
import type { WebSocketHandler } from "bun";
import { invalidArgType } from "../../errors.ts";
import type { DeflateWindows } from "./deflate-negotiation.ts";

/** permessage-deflate as configured: whether the server compresses at all, and the windows it negotiates with. */
export interface DeflateConfig {
  compress: boolean;
  windows: DeflateWindows;
}

export interface WebSocketConfig {
  maxPayloadLength: number;
  /** 0: no limit. */
  backpressureLimit: number;
  closeOnBackpressureLimit: boolean;
  /** Seconds; 0 disables the timeout (and the automatic pings). */
  idleTimeout: number;
  publishToSelf: boolean;
  sendPings: boolean;
  /** undefined: permessage-deflate is not negotiated. */
  perMessageDeflate: DeflateConfig | undefined;
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

const COMPRESSOR_NAMES = '"disable" "shared" "dedicated" "3KB" "4KB" "8KB" "16KB" "32KB" "64KB" "128KB" or "256KB"';
/** Window bits per compressor name; 0 is the shared compressor. Bun's 3KB compressor has the 4KB one's window. */
const COMPRESS_WINDOWS: Record<string, number> = { shared: 0, dedicated: 15, "3KB": 9, "4KB": 9, "8KB": 10, "16KB": 11, "32KB": 12, "64KB": 13, "128KB": 14, "256KB": 15 };
/** Window bits per decompressor name, as Bun maps them (3KB inflates with 2 KiB, anything from 32KB with 32 KiB). */
const DECOMPRESS_WINDOWS: Record<string, number> = { shared: 0, dedicated: 15, "3KB": 11, "4KB": 12, "8KB": 13, "16KB": 14, "32KB": 15, "64KB": 15, "128KB": 15, "256KB": 15 };

/** A compress/decompress option: undefined when off, else its window (0: shared). Bun's TypeError for anything else. */
function windowOption(value: unknown, windows: Record<string, number>, which: "compress" | "decompress"): number | undefined {
  if (value === undefined || value === null || value === "" || value === false || value === "disable") return undefined;
  if (value === true) return 0;
  if (typeof value === "string" && Object.hasOwn(windows, value)) return windows[value];
  throw invalidArgType(`websocket expects a valid ${which} option, either ${COMPRESSOR_NAMES}`);
}

function deflateConfig(option: WebSocketHandler<unknown>["perMessageDeflate"] | null): DeflateConfig | undefined {
  if (option === undefined || option === null || option === false) return undefined;
  if (option === true) return { compress: true, windows: { compress: 0, decompress: 0 } };
  if (typeof option !== "object" && typeof option !== "function") throw invalidArgType("websocket expects perMessageDeflate to be a boolean or an object");
  const compressOption: unknown = option.compress;
  const compress = windowOption(compressOption, COMPRESS_WINDOWS, "compress");
  const decompress = windowOption(option.decompress, DECOMPRESS_WINDOWS, "decompress");
  if (compress === undefined && decompress === undefined) return undefined;
  return {
    // Once anything is negotiated, Bun compresses with the shared compressor unless told not to.
    compress: compressOption !== false && compressOption !== "disable",
    windows: { compress: compress ?? 0, decompress: decompress ?? 0 },
  };
}

export function resolveConfig(handler: WebSocketHandler<unknown>): WebSocketConfig {
  return {
    maxPayloadLength: clampedUint32(handler.maxPayloadLength, SIXTEEN_MIB),
    backpressureLimit: clampedUint32(handler.backpressureLimit, SIXTEEN_MIB),
    closeOnBackpressureLimit: handler.closeOnBackpressureLimit === true,
    idleTimeout: idleSeconds(handler.idleTimeout),
    publishToSelf: handler.publishToSelf === true,
    sendPings: handler.sendPings !== false,
    perMessageDeflate: deflateConfig(handler.perMessageDeflate),
  };
}
