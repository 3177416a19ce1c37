// Lists and maps are Json columns (SQLite has no arrays); these read them back defensively.

/** A Json column holding string[]: non-strings (and anything not an array) are dropped. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** A Json column holding Record<string, string>: entries whose value is not a string are dropped. */
export function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}
