import type { groupToJson } from "@/lib/services/groups";

/** A group with the channels that serve it and how many users belong to it. */
export type GroupRow = ReturnType<typeof groupToJson> & {
  channels: { id: number; name: string; status: "active" | "disabled" | "auto_disabled" }[];
  users: number;
};
