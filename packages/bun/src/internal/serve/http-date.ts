// The Date header value, formatted at most once a second (as Node and Bun do).
let second = -1;
let formatted = "";

export function httpDate(): string {
  const now = Date.now();
  const current = Math.floor(now / 1000);
  if (current !== second) {
    second = current;
    formatted = new Date(now).toUTCString();
  }
  return formatted;
}
