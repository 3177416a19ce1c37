import type { channelToJson } from "@/lib/channels";

/** A channel as the admin pages receive it (upstream key masked). */
export type ChannelRow = ReturnType<typeof channelToJson>;

/** The answer of POST /api/admin/channels/{id}/test. */
export type { ChannelTestResult } from "@/lib/channel-test";
