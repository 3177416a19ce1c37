/** Series colours that read on light and dark backgrounds alike (mid-tone hues); "Other" is neutral. */
export const SERIES_COLORS = ["#0ea5e9", "#10b981", "#f59e0b", "#8b5cf6", "#ec4899", "#14b8a6", "#f97316", "#6366f1"];
export const OTHER_COLOR = "#a1a1aa";
export const ERROR_COLOR = "#ef4444";

/** The shared look of chart axes and tooltips, as theme variables so they follow light and dark mode. */
export const AXIS_TICK = { fontSize: 11, fill: "var(--color-zinc-500)" };
export const TOOLTIP_STYLE = { borderRadius: 8, border: "1px solid var(--color-zinc-200)", background: "var(--color-white)", fontSize: 12 };
export const GRID_STROKE = "var(--color-zinc-200)";

/** A `YYYY-MM-DD` day as a short axis label: "11/27". */
export function tickDay(day: string): string {
  const [, m, d] = day.split("-").map(Number);
  return `${m}/${d}`;
}
