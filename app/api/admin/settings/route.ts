import { withAdmin } from "@/lib/auth/guards";
import { parseBody } from "@/lib/http";
import { getSettings, updateSettings } from "@/lib/services/settings";
import { settingsUpdateSchema } from "@/lib/validation/settings";

// GET /api/admin/settings: the instance-wide settings (the starting credit of registered accounts)
export const GET = withAdmin(async () => Response.json(await getSettings()));

// PATCH /api/admin/settings: change them
export const PATCH = withAdmin(async (req) => Response.json(await updateSettings(await parseBody(req, settingsUpdateSchema))));
