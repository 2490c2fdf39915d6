// React elements (`$$typeof` = react.element / react.transitional.element /
// react.fragment) print as JSX, as in Bun: `<div a=1 />`, children on their own
// lines.
import type { Formatter } from "./formatter.ts";
import { stringTag } from "./names.ts";
import { getTag } from "./tag.ts";

interface TagName {
  text: string;
  primitive: boolean;
}

function read(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function tagName(type: unknown): TagName {
  if (type === undefined) return { text: "unknown", primitive: false };
  if (typeof type === "symbol") return { text: "", primitive: false };
  if (typeof type === "string") return { text: type, primitive: true };
  if (type !== null && (typeof type === "object" || typeof type === "function")) {
    const tag = stringTag(type);
    const name = tag !== "" ? tag : typeof type === "function" ? type.name : "";
    return { text: name === "" ? "NoName" : name, primitive: false };
  }
  return { text: String(type), primitive: false };
}

function printProps(f: Formatter, props: object, needsSpace: boolean): void {
  const s = f.style;
  const keys = Object.keys(props).filter((key) => key !== "");
  const withoutChildren = keys.length - (read(props, "children") !== undefined ? 1 : 0);
  let space = needsSpace;
  f.indent += 1;
  try {
    keys.forEach((key, index) => {
      if (key === "children") return;
      const value = read(props, key);
      const result = f.tagOf(value);
      if (space) f.space();
      space = false;
      f.write(`${s.r}${s.blue}${key.slice(0, 128)}${s.d}=${s.r}`);
      const stringLike = f.colors && (result.cell === "string" || result.cell === "stringObject");
      if (stringLike) f.write(`${s.r}${s.green}`);
      f.format(result, value);
      if (stringLike) f.write(s.r);
      if (!f.singleLine && index + 1 < withoutChildren && index > 3) {
        f.write("\n");
        f.writeIndent();
      } else if (index + 1 < withoutChildren) f.space();
    });
  } finally {
    f.indent -= 1;
  }
}

/** Returns false when Bun stops without closing the element (empty children). */
function printChildren(f: Formatter, children: unknown): boolean {
  const result = getTag(children, { hideGlobal: false, disableCustom: false });
  if (typeof children === "string") {
    if (children === "") return false;
    if (f.colors) f.write(f.style.r);
    f.write(">");
    if (children.length < 128) f.write(children);
    else {
      f.indent += 1;
      f.write("\n");
      f.writeIndent();
      f.indent -= 1;
      f.write(children);
      f.write("\n");
      f.writeIndent();
    }
    return true;
  }
  if (result.tag === "JSX") {
    f.write(">\n");
    f.indent += 1;
    f.writeIndent();
    f.format(result, children);
    f.indent -= 1;
    f.write("\n");
    f.writeIndent();
    return true;
  }
  const list = children as unknown[];
  if (list.length === 0) return false;
  f.write(">\n");
  f.indent += 1;
  f.writeIndent();
  const previousQuote = f.quoteStrings;
  f.quoteStrings = false;
  try {
    for (let index = 0; index < list.length; index++) {
      f.formatNested(list[index]);
      if (index + 1 < list.length) {
        f.write("\n");
        f.writeIndent();
      }
    }
  } finally {
    f.quoteStrings = previousQuote;
    f.indent -= 1;
  }
  f.write("\n");
  f.writeIndent();
  return true;
}

export function printJSX(f: Formatter, element: Record<string, unknown>): void {
  const s = f.style;
  f.write(`${s.r}<`);
  const name = tagName(read(element, "type"));
  f.write(`${name.primitive ? s.green : s.cyan}${name.text}`);
  if (f.colors) f.write(s.r);
  let needsSpace = true;
  const key = read(element, "key");
  if (key !== undefined && key !== null) {
    f.write(" key=");
    const previousQuote = f.quoteStrings;
    f.quoteStrings = true;
    f.formatNested(key);
    f.quoteStrings = previousQuote;
    needsSpace = true;
  }
  const props = read(element, "props");
  if (props !== null && typeof props === "object") {
    const previousQuote = f.quoteStrings;
    f.quoteStrings = true;
    try {
      if (Object.keys(props).length > 0) {
        printProps(f, props, needsSpace);
        const children = read(props, "children");
        if (children !== undefined) {
          const printable = typeof children === "string" || Array.isArray(children) || getTag(children, { hideGlobal: false, disableCustom: false }).tag === "JSX";
          if (printable && !f.singleLine) {
            if (printChildren(f, children)) f.write(`</${s.r}${name.primitive ? s.green : s.cyan}${name.text}${f.colors ? s.r : ""}>`);
          }
          return;
        }
      }
    } finally {
      f.quoteStrings = previousQuote;
    }
  }
  f.write(" />");
}
