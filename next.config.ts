import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. several developers' test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native modules and engines load from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/client",
    "@node-rs/argon2",
    "pg",
    "ioredis",
    "undici",
    "gpt-tokenizer",
  ],
  poweredByHeader: false,
  // forbidden() answers admin pages with a real 403 for non-admins.
  experimental: { authInterrupts: true },
  // SSE must reach the client unbuffered; compression would hold chunks back.
  compress: false,
};

export default nextConfig;
