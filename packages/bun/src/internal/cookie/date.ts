// Dates as Bun's cookies read and write them: the lenient RFC 2822-style date
// parser of JavaScriptCore (the one behind `Date.parse`'s non-ISO fallback,
// which does NOT accept ISO 8601 strings), and the `Expires=` formatting.

const msPerDay = 86_400_000;
const maxECMAScriptTime = 8.64e15;
const monthNames = "janfebmaraprmayjunjulaugsepoctnovdec";
const weekdayLabels = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const monthLabels = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const firstDayOfMonth = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335],
] as const;
/** RFC 2822's obsolete zones; any other zone name is ignored (treated as local time). */
const knownZones: ReadonlyArray<readonly [string, number]> = [
  ["ut", 0],
  ["gmt", 0],
  ["est", -300],
  ["edt", -240],
  ["cst", -360],
  ["cdt", -300],
  ["mst", -420],
  ["mdt", -360],
  ["pst", -480],
  ["pdt", -420],
];
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Lower-cases ASCII letters only, as WebKit's ASCII-case-insensitive comparisons do. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function isSpace(code: number): boolean {
  // space, \t, \n, \v, \f, \r
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysFrom1970ToYear(year: number): number {
  const y = year - 1;
  const leapDays = Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 477;
  return 365 * (year - 1970) + leapDays;
}

/** A cursor over the date string, with the integer reading of C's strtol-like helpers. */
class Cursor {
  readonly text: string;
  at: number;

  constructor(text: string, at = 0) {
    this.text = text;
    this.at = at;
  }

  get done(): boolean {
    return this.at >= this.text.length;
  }

  code(offset = 0): number {
    return this.text.charCodeAt(this.at + offset);
  }

  skipChar(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  /** Whitespace and (nested) parenthesised comments. */
  skipSpacesAndComments(): void {
    let nesting = 0;
    while (!this.done) {
      const code = this.code();
      if (!isSpace(code)) {
        if (code === 0x28) nesting++;
        else if (code === 0x29 && nesting > 0) nesting--;
        else if (nesting === 0) break;
      }
      this.at++;
    }
  }

  /** Consume `word` (ASCII letters) ignoring case. */
  skipWordIgnoringCase(word: string): boolean {
    if (asciiLower(this.text.slice(this.at, this.at + word.length)) !== word) return false;
    this.at += word.length;
    return true;
  }

  /**
   * Leading whitespace, an optional '+', then a decimal integer with an optional '-'.
   * Advances only on success; `undefined` when there is no number or it does not fit.
   */
  readInteger(fits: (value: bigint) => boolean): number | undefined {
    let at = this.at;
    while (at < this.text.length && isSpace(this.text.charCodeAt(at))) at++;
    if (this.text[at] === "+") at++;
    const start = at;
    if (this.text[at] === "-") at++;
    const digitsStart = at;
    while (at < this.text.length && isDigit(this.text.charCodeAt(at))) at++;
    if (at === digitsStart) return undefined;
    const value = BigInt(this.text.slice(start, at));
    if (value < LONG_MIN || value > LONG_MAX || !fits(value)) return undefined;
    this.at = at;
    return Number(value);
  }

  readInt(): number | undefined {
    return this.readInteger((v) => v > INT_MIN && v < INT_MAX);
  }

  readLong(): number | undefined {
    return this.readInteger((v) => v !== LONG_MIN && v !== LONG_MAX);
  }
}

/** 0–11 when `text` at `at` starts with a month's three-letter abbreviation, else -1. */
function findMonth(text: string, at: number): number {
  if (text.length - at < 3) return -1;
  const needle = asciiLower(text.slice(at, at + 3));
  const index = monthNames.indexOf(needle);
  return index !== -1 && index % 3 === 0 ? index / 3 : -1;
}

function fieldsToMilliseconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const yearDay = firstDayOfMonth[isLeapYear(year) ? 1 : 0][month - 1] ?? 0;
  const days = yearDay + day - 1 + daysFrom1970ToYear(year);
  const ms = second * 1000 + minute * 60_000 + hour * 3_600_000 + days * msPerDay;
  return Math.abs(ms) > maxECMAScriptTime + msPerDay ? NaN : ms;
}

interface ParsedDate {
  ms: number;
  isLocalTime: boolean;
}

const invalid: ParsedDate = { ms: NaN, isLocalTime: true };

/** The words before the first digit: a month name may be among them ("Wed, Oct 21 …", "January29"). */
function readLeadingWords(s: Cursor): number {
  let month = -1;
  let wordStart = s.at;
  while (!s.done && !isDigit(s.code())) {
    if (isSpace(s.code()) || s.code() === 0x28) {
      if (s.at - wordStart >= 3) month = findMonth(s.text, wordStart);
      s.skipSpacesAndComments();
      wordStart = s.at;
    } else s.at++;
  }
  if (month === -1 && wordStart !== s.at) month = findMonth(s.text, wordStart);
  return month;
}

interface DayMonthYear {
  day: number;
  month: number;
  year: number | undefined;
}

/** After the first number: "YYYY/MM/DD", "MM/DD/YYYY" or "DD[-]Mon[-]…". */
function readDayMonth(s: Cursor, firstNumber: number, monthFromWords: number): DayMonthYear | undefined {
  let day = firstNumber;
  let month = monthFromWords;
  let year: number | undefined;
  if (day > 31) {
    if (!s.skipChar("/") || s.done) return undefined;
    if (day <= INT_MIN || day >= INT_MAX) return undefined;
    year = day;
    const parsedMonth = s.readLong();
    if (parsedMonth === undefined) return undefined;
    month = parsedMonth - 1;
    if (!s.skipChar("/") || s.done) return undefined;
    const parsedDay = s.readLong();
    if (parsedDay === undefined) return undefined;
    day = parsedDay;
  } else if (s.text[s.at] === "/" && month === -1) {
    s.at++;
    month = day - 1;
    const parsedDay = s.readLong();
    if (parsedDay === undefined || parsedDay < 1 || parsedDay > 31) return undefined;
    day = parsedDay;
    s.skipChar("/");
    if (s.done) return undefined;
  } else {
    s.skipChar("-");
    s.skipSpacesAndComments();
    s.skipChar(",");
    if (month === -1) {
      month = findMonth(s.text, s.at);
      if (month === -1) return undefined;
      while (!s.done && s.text[s.at] !== "-" && s.text[s.at] !== "," && !isSpace(s.code())) s.at++;
      if (s.done) return undefined;
      const next = s.text[s.at] ?? "";
      if (next !== "-" && next !== "/" && next !== "," && !isSpace(s.code())) return undefined;
      s.at++;
    }
  }
  return { day, month, year };
}

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/** "hh:mm[:ss] [am|pm]" at the cursor, or nothing there; `undefined` when malformed. */
function readTime(s: Cursor): TimeOfDay | undefined {
  const time = { hour: 0, minute: 0, second: 0 };
  const probe = new Cursor(s.text, s.at);
  const hour = probe.readLong();
  if (probe.at === s.at) return time; // not a number: maybe a time zone name
  s.at = probe.at;
  time.hour = hour ?? 0;
  if (time.hour < 0 || time.hour > 23 || s.done || !s.skipChar(":")) return undefined;
  const minute = s.readLong();
  if (minute === undefined || minute < 0 || minute > 59) return undefined;
  time.minute = minute;
  if (!s.done && s.text[s.at] !== ":" && !isSpace(s.code())) return undefined;
  if (s.skipChar(":")) {
    const second = s.readLong();
    if (second === undefined || second < 0 || second > 59) return undefined;
    time.second = second;
  }
  s.skipSpacesAndComments();
  if (s.skipWordIgnoringCase("am")) {
    if (time.hour > 12) return undefined;
    if (time.hour === 12) time.hour = 0;
    s.skipSpacesAndComments();
  } else if (s.skipWordIgnoringCase("pm")) {
    if (time.hour > 12) return undefined;
    if (time.hour !== 12) time.hour += 12;
    s.skipSpacesAndComments();
  }
  return time;
}

/** "GMT", "UTC", "+hhmm", "-hh:mm", or a known zone name; returns the offset in minutes (undefined = local time). */
function readZone(s: Cursor): { ok: boolean; offset: number | undefined } {
  let offset: number | undefined;
  if (s.skipWordIgnoringCase("gmt") || s.skipWordIgnoringCase("utc")) offset = 0;
  const sign = s.text[s.at];
  if (sign === "+" || sign === "-") {
    let o = s.readInt();
    if (o === undefined || o < -9959 || o > 9959) return { ok: false, offset };
    const sgn = o < 0 ? -1 : 1;
    o = Math.abs(o);
    if (!s.skipChar(":")) offset = (o >= 24 ? Math.trunc(o / 100) * 60 + (o % 100) : o * 60) * sgn;
    else {
      const minutes = s.readInt();
      if (minutes === undefined) return { ok: false, offset };
      offset = (o * 60 + minutes) * sgn;
    }
    return { ok: true, offset };
  }
  for (const [name, zoneOffset] of knownZones) {
    if (s.skipWordIgnoringCase(name)) return { ok: true, offset: zoneOffset };
  }
  return { ok: true, offset };
}

function parseFields(text: string): ParsedDate {
  const s = new Cursor(text);
  s.skipSpacesAndComments();
  const monthFromWords = readLeadingWords(s);
  s.skipSpacesAndComments();
  if (s.done) return invalid;
  const firstNumber = s.readLong();
  if (firstNumber === undefined || firstNumber < 0) return invalid;
  const dayMonth = readDayMonth(s, firstNumber, monthFromWords);
  if (dayMonth === undefined || dayMonth.month < 0 || dayMonth.month > 11) return invalid;
  let { year } = dayMonth;

  const afterYear = new Cursor(s.text, s.at);
  if (!s.done && year === undefined) {
    const parsedYear = afterYear.readInt();
    if (parsedYear === undefined) return invalid;
    year = parsedYear;
  }
  let time: TimeOfDay | undefined = { hour: 0, minute: 0, second: 0 };
  if (afterYear.done) s.at = afterYear.at;
  else {
    const next = afterYear.code();
    if (!(isSpace(next) || next === 0x2c)) {
      if (next !== 0x3a) return invalid;
      year = undefined; // that number was the hour
    } else {
      const atWord = isSpace(next) && asciiLower(afterYear.text.slice(afterYear.at + 1, afterYear.at + 3)) === "at";
      afterYear.at += atWord ? 3 : 1;
      s.at = afterYear.at;
      s.skipSpacesAndComments();
    }
    time = readTime(s);
    if (time === undefined) return invalid;
  }
  if (!s.done && isDigit(s.code()) && year === undefined) {
    year = s.readInt();
    if (year === undefined) return invalid;
    s.skipSpacesAndComments();
  }
  let offset: number | undefined;
  if (!s.done) {
    const zone = readZone(s);
    if (!zone.ok) return invalid;
    offset = zone.offset;
  }
  s.skipSpacesAndComments();
  if (!s.done && year === undefined) {
    year = s.readInt();
    if (year === undefined) return invalid;
    s.skipSpacesAndComments();
  }
  if (!s.done) return invalid;
  if (year === undefined) year = 2000;
  else if (year >= 0 && year < 100) year += year < 50 ? 2000 : 1900;
  if (dayMonth.day <= 0 || dayMonth.day > 31) return invalid;
  const ms = fieldsToMilliseconds(year, dayMonth.month + 1, dayMonth.day, time.hour, time.minute, time.second);
  return { ms: ms - (offset ?? 0) * 60_000, isLocalTime: offset === undefined };
}

/**
 * A year with the same leap-ness and weekdays inside 2010–2037: JavaScriptCore
 * asks the OS for the offset of such a year instead of historical rules.
 */
function equivalentYearForDST(year: number): number {
  const minYear = Math.min(new Date().getUTCFullYear(), 2010);
  const maxYear = 2037;
  if (year > maxYear) return year + Math.trunc((minYear - year) / 28) * 28;
  if (year < minYear) return year + Math.trunc((maxYear - year) / 28) * 28;
  return year;
}

/** The local time zone's offset (ms) for a wall-clock time given as if it were UTC, the way JavaScriptCore finds it. */
function localOffsetAt(wallClockMs: number): number {
  const standardOffset = -new Date(new Date().getFullYear(), 0, 1).getTimezoneOffset() * 60_000;
  const utc = new Date(wallClockMs - standardOffset);
  const year = utc.getUTCFullYear();
  const equivalent = equivalentYearForDST(year);
  if (equivalent !== year) utc.setUTCFullYear(equivalent);
  const offset = utc.getTimezoneOffset();
  return Number.isNaN(offset) ? standardOffset : -offset * 60_000;
}

/** JavaScriptCore's legacy date parse: milliseconds since the epoch, or NaN. */
export function parseLegacyDate(text: string): number {
  const parsed = parseFields(text);
  let ms = parsed.ms;
  if (parsed.isLocalTime && Number.isFinite(ms)) ms -= localOffsetAt(ms);
  if (!Number.isFinite(ms) || Math.abs(ms) > maxECMAScriptTime) return NaN;
  return Math.trunc(ms) + 0;
}

/** Days since 1970-01-01 → proleptic Gregorian [year, month 0–11, day 1–31]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month - 1, day];
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

function formatYear(year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, "0")}` : String(year).padStart(4, "0");
}

/**
 * `Wed, 21 Oct 2015 07:28:00 GMT` for an `Expires=` attribute. Bun formats a
 * little past the Date range (one day) and prints a zeroed date beyond that.
 */
export function formatCookieDate(ms: number): string {
  if (Math.abs(ms) > maxECMAScriptTime + msPerDay) return "Sun, 00 Jan 0000 00:00:00 GMT";
  const days = Math.floor(ms / msPerDay);
  const msOfDay = ms - days * msPerDay;
  const [year, month, day] = civilFromDays(days);
  const weekday = (((days + 4) % 7) + 7) % 7;
  const seconds = Math.floor(msOfDay / 1000);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return `${weekdayLabels[weekday]}, ${pad2(day)} ${monthLabels[month]} ${formatYear(year)} ${time} GMT`;
}
