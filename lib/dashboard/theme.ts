/** The viewer's colour theme: "system" follows the operating system's light or dark setting. */
export type Theme = "system" | "light" | "dark";

/** The cookie holding the theme the viewer chose (absent = follow the system). */
export const THEME_COOKIE = "theme";

/** A cookie value as a theme ("system" for anything else). */
export function parseTheme(value: string | undefined): Theme {
  return value === "light" || value === "dark" ? value : "system";
}
