import type { CHANNEL_TYPES } from "@/lib/validation/channels";

export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** What each channel type is called in the dashboard. */
export const CHANNEL_TYPE_LABEL: Record<ChannelType, string> = {
  openai: "OpenAI-compatible",
  azure: "Azure OpenAI",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
};
