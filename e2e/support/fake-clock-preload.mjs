// Test-only preload (`node --import`): shifts the process's wall clock by the number of
// milliseconds in $FAKE_CLOCK_FILE, re-read at most every few milliseconds, so a test can move a
// running gateway across a day's or a month's boundary. Never loaded outside tests.
import { readFileSync } from "node:fs";

const file = process.env.FAKE_CLOCK_FILE;
const RealDate = globalThis.Date;
let offset = 0;
let readAt = -Infinity;

function shift() {
  const t = performance.now();
  if (file && t - readAt > 2) {
    readAt = t;
    try {
      offset = Number(readFileSync(file, "utf8")) || 0;
    } catch {
      offset = 0;
    }
  }
  return offset;
}

// A function rather than a subclass: code that copies Date's own statics (as Next's runtime does)
// must find UTC and parse on it.
function FakeDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + shift()).toString();
  return args.length === 0 ? new RealDate(RealDate.now() + shift()) : new RealDate(...args);
}
FakeDate.prototype = RealDate.prototype;
FakeDate.now = () => RealDate.now() + shift();
FakeDate.UTC = RealDate.UTC;
FakeDate.parse = RealDate.parse;

globalThis.Date = FakeDate;
