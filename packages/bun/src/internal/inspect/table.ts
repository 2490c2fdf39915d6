// `Bun.inspect.table` (Bun's `TablePrinter`, as `console.table` draws it): an
// index column, one column per property met (or per `properties` entry), a
// trailing "Values" column for rows that are not objects, box-drawing borders,
// cells padded to the widest value.
import { types } from "node:util";
import { perCodePointVisibleWidth } from "../strings/width.ts";
import { Formatter } from "./formatter.ts";
import { readInspectOptions } from "./options.ts";
import { getTag } from "./tag.ts";

interface Column {
  name: string;
  width: number;
}

type RowKey = string | number;

interface TableSettings {
  colors: boolean;
  startDepth: number;
  sorted: boolean;
  singleLine: boolean;
}

/** The cell formatter Bun copies for every cell: one line, depth 5 (and, by a quirk, already *at* that depth). */
function cellFormatter(settings: TableSettings, colors: boolean, quoteStrings: boolean): Formatter {
  const formatter = new Formatter({ colors, maxDepth: 5, singleLine: settings.singleLine, orderedProperties: settings.sorted, quoteStrings });
  formatter.depth = settings.startDepth;
  return formatter;
}

function isObject(value: unknown): value is object {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

/** Visible width, as Bun measures table cells: per code point, escape codes skipped. */
function visible(text: string): number {
  return perCodePointVisibleWidth(text, true, false);
}

class TablePrinter {
  readonly settings: TableSettings;
  readonly data: object;
  readonly properties: unknown[] | undefined;
  readonly isMap: boolean;
  readonly columns: Column[] = [{ name: " ", width: 1 }];
  valuesWidth: number | undefined;
  valuesIndex = -1;

  constructor(data: object, properties: unknown[] | undefined, settings: TableSettings) {
    this.data = data;
    this.properties = properties;
    this.settings = settings;
    this.isMap = types.isMap(data);
    if (this.isMap) this.columns.push({ name: "Key", width: 1 });
    for (const property of properties ?? []) this.columns.push({ name: String(property), width: 1 });
  }

  cellText(value: unknown, colors: boolean): string {
    const result = getTag(value, { hideGlobal: false, disableCustom: false });
    const formatter = cellFormatter(this.settings, colors, result.tag !== "String");
    formatter.format(result, value);
    return formatter.output();
  }

  widthOf(value: unknown): number {
    return visible(this.cellText(value, false));
  }

  rows(visit: (key: RowKey, value: unknown) => void): void {
    if (isIterable(this.data)) {
      let index = 0;
      for (const value of this.data) visit(index++, value);
      return;
    }
    for (const key of Object.keys(this.data)) visit(key, (this.data as Record<string, unknown>)[key]);
  }

  measureRow(key: RowKey, row: unknown): void {
    const first = this.columns[0] as Column;
    first.width = Math.max(first.width, keyWidth(key));
    if (this.isMap) {
      const entry = row as ArrayLike<unknown>;
      const keyColumn = this.columns[1] as Column;
      keyColumn.width = Math.max(keyColumn.width, this.widthOf(entry[0]));
      this.valuesWidth = Math.max(this.valuesWidth ?? 0, this.widthOf(entry[1]));
      return;
    }
    if (isObject(row)) return this.measureObjectRow(row);
    if (this.properties === undefined) this.valuesWidth = Math.max(this.valuesWidth ?? 1, this.widthOf(row));
  }

  measureObjectRow(row: object): void {
    if (this.properties !== undefined) {
      for (const column of this.columns.slice(1)) {
        if (Object.prototype.hasOwnProperty.call(row, column.name)) {
          column.width = Math.max(column.width, this.widthOf((row as Record<string, unknown>)[column.name]));
        }
      }
      return;
    }
    for (const name of Object.keys(row)) {
      let column = this.columns.slice(1).find((candidate) => candidate.name === name);
      if (column === undefined) {
        column = { name, width: 1 };
        this.columns.push(column);
      }
      column.width = Math.max(column.width, this.widthOf((row as Record<string, unknown>)[name]));
    }
  }

  cellValue(columnIndex: number, row: unknown): { present: boolean; value?: unknown } {
    const column = this.columns[columnIndex] as Column;
    if (columnIndex === 1 && this.isMap) return { present: true, value: (row as ArrayLike<unknown>)[0] };
    if (columnIndex === this.valuesIndex) {
      if (this.isMap) return { present: true, value: (row as ArrayLike<unknown>)[1] };
      return isObject(row) ? { present: false } : { present: true, value: row };
    }
    if (isObject(row) && Object.prototype.hasOwnProperty.call(row, column.name)) {
      return { present: true, value: (row as Record<string, unknown>)[column.name] };
    }
    return { present: false };
  }

  printRow(out: string[], key: RowKey, row: unknown): void {
    const first = this.columns[0] as Column;
    out.push("│", " ".repeat(Math.max(0, first.width - keyWidth(key)) + 1), String(key), " ");
    for (let index = 1; index < this.columns.length; index++) {
      const column = this.columns[index] as Column;
      out.push("│");
      const cell = this.cellValue(index, row);
      if (!cell.present) {
        out.push(" ".repeat(column.width + 2));
        continue;
      }
      const width = this.widthOf(cell.value);
      out.push(" ", this.cellText(cell.value, this.settings.colors), " ".repeat(Math.max(0, column.width - width) + 1));
    }
    out.push("│\n");
  }

  border(left: string, middle: string, right: string): string {
    return `${left}${this.columns.map((column) => "─".repeat(column.width + 2)).join(middle)}${right}`;
  }

  print(): string {
    this.rows((key, value) => this.measureRow(key, value));
    if (this.valuesWidth !== undefined) {
      this.valuesIndex = this.columns.length;
      this.columns.push({ name: "Values", width: this.valuesWidth });
    }
    for (const column of this.columns) column.width = Math.max(column.width, visible(column.name));
    const bold = this.settings.colors ? "\x1b[0m\x1b[1m" : "";
    const reset = this.settings.colors ? "\x1b[0m" : "";
    const out: string[] = [this.border("┌", "┬", "┐"), "\n│"];
    this.columns.forEach((column, index) => {
      if (index > 0) out.push("│");
      out.push(" ", bold, column.name, reset, " ".repeat(Math.max(0, column.width - visible(column.name)) + 1));
    });
    out.push("│\n", this.border("├", "┼", "┤"), "\n");
    this.rows((key, value) => this.printRow(out, key, value));
    out.push(this.border("└", "┴", "┘"), "\n");
    return out.join("").toWellFormed();
  }
}

function keyWidth(key: RowKey): number {
  return typeof key === "number" ? String(key).length : visible(key);
}

function isIterable(value: object): value is Iterable<unknown> {
  try {
    return typeof (value as Record<symbol, unknown>)[Symbol.iterator] === "function";
  } catch {
    return false;
  }
}

/** `Bun.inspect.table(tabularData, properties?, options?)`; the options may take the properties' place. */
export function printTable(tabularData: unknown, properties: unknown, options: unknown): string {
  if (!isObject(tabularData)) return "";
  let columns = properties;
  let settingsArgument = options;
  if (!Array.isArray(columns)) {
    settingsArgument = columns;
    columns = undefined;
  }
  const read = isObject(settingsArgument)
    ? readInspectOptions([settingsArgument], { colors: false, depth: 5, sorted: false, compact: true })
    : { colors: false, depth: 5, sorted: false, compact: true };
  const settings: TableSettings = { colors: read.colors, startDepth: read.depth, sorted: read.sorted, singleLine: read.compact };
  return new TablePrinter(tabularData, columns as unknown[] | undefined, settings).print();
}
