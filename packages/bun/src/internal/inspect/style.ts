// The ANSI codes Bun's formatter writes (its `<r>`, `<d>`, `<b>`, colour tags),
// or empty strings when colours are off, so printers build one template either way.

export interface Style {
  /** reset */
  r: string;
  /** dim */
  d: string;
  /** bold */
  b: string;
  red: string;
  green: string;
  yellow: string;
  blue: string;
  magenta: string;
  cyan: string;
}

const colored: Style = {
  r: "\x1b[0m",
  d: "\x1b[2m",
  b: "\x1b[1m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  magenta: "\x1b[35m",
  cyan: "\x1b[36m",
};

const plain: Style = { r: "", d: "", b: "", red: "", green: "", yellow: "", blue: "", magenta: "", cyan: "" };

export function styleFor(colors: boolean): Style {
  return colors ? colored : plain;
}
