import { hashPassword } from "@/lib/auth/password";
import type { Config } from "@/lib/config";
import { seedCatalog } from "@/lib/db/catalog";
import { isConflict } from "@/lib/db/errors";
import { ensureDefaultGroup } from "@/lib/db/groups";
import { createUser, getUserCredentials } from "@/lib/db/users";
import { sealChannelKeys } from "@/lib/db/channels";
import { log } from "@/lib/log";

/** Idempotent first-start work: the `default` group, the pricing catalog (once), and the admin named by ADMIN_EMAIL/ADMIN_PASSWORD. */
export async function bootstrap(config: Config): Promise<void> {
  await ensureDefaultGroup();
  // Upstream keys in plain text (an install from before encryption) or under ENCRYPTION_KEY_PREVIOUS: sealed with ENCRYPTION_KEY.
  const { sealed, unreadable } = await sealChannelKeys();
  if (sealed) log().info({ channels: sealed }, "sealed channel keys with the current encryption key");
  if (unreadable.length) log().error({ channels: unreadable }, "channel keys that neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS opens");
  await seedCatalog();
  if (config.adminEmail && config.adminPassword && !(await getUserCredentials(config.adminEmail))) {
    try {
      await createUser({
        email: config.adminEmail,
        passwordHash: await hashPassword(config.adminPassword),
        role: "admin",
        name: "Admin",
      });
      log().info({ email: config.adminEmail }, "created the first admin");
    } catch (err) {
      // Another instance starting at the same moment created it first.
      if (!isConflict(err)) throw err;
    }
  }
}
