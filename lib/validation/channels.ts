import { z } from "zod";
import "@/lib/validation/messages";
import { groupNameSchema } from "@/lib/validation/users";
import { modelNameSchema } from "@/lib/validation/tokens";

const dedupe = <T>(xs: T[]) => [...new Set(xs)];

/** The upstream base that ends before `/chat/completions`, e.g. `https://api.openai.com/v1`. */
export const baseUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be an http:// or https:// URL" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "Must be an http:// or https:// URL" });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "Must not contain a query string or fragment" });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, "");
  });

/** What a channel speaks (CONTRACT §5). */
export const CHANNEL_TYPES = ["openai", "azure", "anthropic", "gemini"] as const;

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "Must be a header name");
// Headers the channel's own request sets (host, auth, length, type) cannot be overridden.
const RESERVED_HEADERS = /^(host|content-length|content-type|authorization|x-api-key|api-key|x-goog-api-key|connection|transfer-encoding)$/i;

const upstreamKey = z.string().trim().min(1, "Must not be empty").max(4000);

const channelFields = z.strictObject({
  name: z.string().trim().min(1, "Must not be empty").max(100),
  type: z.enum(CHANNEL_TYPES, "Must be one of openai, azure, anthropic, gemini").optional(),
  /** azure: the deployment URL form with this api-version; null = the /openai/v1 form */
  apiVersion: z.string().trim().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?$/, "Must look like 2024-10-21 or 2025-04-01-preview").nullable().optional(),
  /** extra upstream headers, e.g. {"anthropic-beta": "…"} */
  headers: z
    .record(headerName, z.string().max(2000).regex(/^[^\r\n]*$/, "Must be one line"))
    .refine((h) => Object.keys(h).length <= 20, "At most 20 headers")
    .refine((h) => !Object.keys(h).some((k) => RESERVED_HEADERS.test(k)), "Authentication and framing headers are set by the gateway")
    .nullable()
    .optional(),
  baseUrl: baseUrlSchema,
  /** one upstream key; or `apiKeys`, several used in turn (CONTRACT §5); both write-only */
  apiKey: upstreamKey.optional(),
  apiKeys: z.array(upstreamKey).min(1, "List at least one key").max(100, "At most 100 keys").transform(dedupe).optional(),
  models: z.array(modelNameSchema).min(1, "List at least one model").max(1000).transform(dedupe),
  modelMapping: z.record(modelNameSchema, modelNameSchema).optional(),
  groups: z.array(groupNameSchema).min(1, "List at least one group").max(100).transform(dedupe).optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  weight: z.number().int().min(0).max(1_000_000).optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

const oneKeyField = (required: boolean) => (c: { apiKey?: string; apiKeys?: string[] }, ctx: z.RefinementCtx) => {
  if (c.apiKey !== undefined && c.apiKeys !== undefined) {
    ctx.addIssue({ code: "custom", path: ["apiKeys"], message: "Give apiKey or apiKeys, not both" });
  } else if (required && c.apiKey === undefined && c.apiKeys === undefined) {
    ctx.addIssue({ code: "custom", path: ["apiKey"], message: "Must not be empty" });
  }
};

export const channelCreateSchema = channelFields.superRefine(oneKeyField(true));

/** `apiKey`/`apiKeys` omitted keeps the stored keys. */
export const channelUpdateSchema = channelFields.partial().superRefine(oneKeyField(false));

/** A channel's keys from a create or update body: `apiKeys`, or `apiKey` as a list of one; undefined when neither. */
export function keysOf(c: { apiKey?: string; apiKeys?: string[] }): string[] | undefined {
  return c.apiKeys ?? (c.apiKey === undefined ? undefined : [c.apiKey]);
}

export type ChannelCreate = z.infer<typeof channelCreateSchema>;
export type ChannelUpdate = z.infer<typeof channelUpdateSchema>;
