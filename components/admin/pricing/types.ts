import type { modelToJson } from "@/lib/services/models";

/** A catalog model as the pricing page receives it. */
export type ModelRow = ReturnType<typeof modelToJson>;
