import type { channelToJson } from "@/lib/services/channels";

/** A channel as the admin pages receive it (upstream key masked). */
export type ChannelRow = ReturnType<typeof channelToJson>;

/** The answer of POST /api/admin/channels/{id}/test. */
export type { ChannelTestResult } from "@/lib/services/channel-test";
