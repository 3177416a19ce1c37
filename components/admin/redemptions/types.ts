import type { redemptionToJson } from "@/lib/services/redemptions";

/** A redemption code as the admin page receives it (the code itself only right after creation). */
export type RedemptionRowJson = ReturnType<typeof redemptionToJson>;
