/** A model name as an admin API path: each segment encoded, slashes kept (the route is a catch-all). */
export function modelPath(name: string): string {
  return `/api/admin/models/${name.split("/").map(encodeURIComponent).join("/")}`;
}
