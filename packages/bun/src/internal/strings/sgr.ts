// SGR (colours and text styles) bookkeeping for sliceAnsi and wrapAnsi: which
// styles are open, so a cut can close them and the next piece reopen them.

/** The code that ends an SGR start code, or 0 when Bun knows none (then a full reset closes it). */
function sgrCloseCode(open: number): number {
  if (open === 1 || open === 2) return 22;
  if (open >= 3 && open <= 4) return open + 20;
  if (open === 5 || open === 6) return 25;
  if (open >= 7 && open <= 9) return open + 20;
  if ((open >= 30 && open <= 38) || (open >= 90 && open <= 97)) return 39;
  if ((open >= 40 && open <= 48) || (open >= 100 && open <= 107)) return 49;
  if (open === 53) return 55;
  return 0;
}

function isSgrEndCode(code: number): boolean {
  return code === 0 || code === 22 || code === 23 || code === 24 || code === 25 || code === 27 || code === 28 || code === 29 || code === 39 || code === 49 || code === 55;
}

function sgrCode(code: number, c1 = false): string {
  return `${c1 ? "\x9b" : "\x1b["}${code}m`;
}

interface SgrParams {
  values: number[];
  /** More than 32 parameters: Bun then treats the sequence as opaque. */
  overflow: boolean;
  /** A ":" separator (38:2:r:g:b): also opaque. */
  colon: boolean;
}

const MAX_PARAMS = 32;

/** Parameters of an SGR sequence text[from, to) (between the introducer and "m"). */
export function parseSgrParams(text: string, from: number, to: number): SgrParams {
  const params: SgrParams = { values: [], overflow: false, colon: false };
  let current = 0;
  let hasDigit = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      if (current < 100000) current = current * 10 + (code - 0x30);
      hasDigit = true;
    } else if (code === 0x3b || code === 0x3a) {
      if (code === 0x3a) params.colon = true;
      if (params.values.length >= MAX_PARAMS) {
        params.overflow = true;
        return params;
      }
      params.values.push(hasDigit ? current : 0);
      current = 0;
      hasDigit = false;
    } else {
      break;
    }
  }
  if (hasDigit || params.values.length === 0) {
    if (params.values.length >= MAX_PARAMS) params.overflow = true;
    else params.values.push(current);
  }
  return params;
}

interface Style {
  end: string;
  open: string;
}

/** Open styles, each with the code that ends it, in the order they were opened. */
export class SgrStyles {
  styles: Style[] = [];

  isEmpty(): boolean {
    return this.styles.length === 0;
  }

  reset(): void {
    this.styles = [];
  }

  end(endCode: string): void {
    this.styles = this.styles.filter((style) => style.end !== endCode);
  }

  start(open: string, endCode: string): void {
    this.end(endCode);
    this.styles.push({ end: endCode, open });
  }

  hasEnd(endCode: string): boolean {
    return this.styles.some((style) => style.end === endCode);
  }

  opens(): string {
    let out = "";
    for (const style of this.styles) out += style.open;
    return out;
  }

  closes(): string {
    let out = "";
    for (let i = this.styles.length - 1; i >= 0; i--) out += this.styles[i]!.end;
    return out;
  }

  /** Applies the SGR sequence text[start, end), splitting multi-parameter codes. */
  apply(text: string, start: number, end: number): void {
    const c1 = text.charCodeAt(start) === 0x9b;
    const params = parseSgrParams(text, start + (c1 ? 1 : 2), end - 1);
    if (params.overflow || params.colon) {
      // Opaque: kept whole, closed by its first parameter's close code.
      const close = sgrCloseCode(params.values[0] ?? 0);
      this.start(text.slice(start, end), close ? sgrCode(close) : "\x1b[0m");
      return;
    }
    const values = params.values;
    for (let i = 0; i < values.length; ) {
      const code = values[i]!;
      if (code === 0) {
        this.reset();
        i++;
      } else if (code === 38 || code === 48) {
        i += this.applyExtendedColor(values, i, c1);
      } else if (isSgrEndCode(code)) {
        this.end(sgrCode(code));
        i++;
      } else {
        const close = sgrCloseCode(code);
        this.start(sgrCode(code, c1), close ? sgrCode(close) : "\x1b[0m");
        i++;
      }
    }
  }

  /** 38/48 with its 5;n or 2;r;g;b arguments; returns how many parameters it used. */
  private applyExtendedColor(values: number[], i: number, c1: boolean): number {
    const code = values[i]!;
    const close = sgrCode(code === 38 ? 39 : 49);
    const kind = values[i + 1];
    let used = 1;
    if (kind === 5 && i + 2 < values.length) used = 3;
    else if (kind === 2 && i + 4 < values.length) used = 5;
    const open = `${c1 ? "\x9b" : "\x1b["}${values.slice(i, i + used).join(";")}m`;
    this.start(open, close);
    return used;
  }

  /** After the cut, an SGR passes through only if it closes something open and opens nothing. */
  closesOnly(values: number[]): boolean {
    let starts = false;
    let closes = false;
    for (let i = 0; i < values.length; i++) {
      const code = values[i]!;
      if (code === 0) {
        if (!this.isEmpty()) closes = true;
      } else if (isSgrEndCode(code)) {
        if (this.hasEnd(sgrCode(code))) closes = true;
      } else if (code === 38 || code === 48) {
        starts = true;
        const kind = values[i + 1];
        if (kind === 5 && i + 2 < values.length) i += 2;
        else if (kind === 2 && i + 4 < values.length) i += 4;
      } else {
        starts = true;
      }
    }
    return closes && !starts;
  }
}
