/** A page of this site to return to after signing in (a path, never another origin), or undefined. */
export function safeCallback(value: string | string[] | null | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : undefined;
}
