import { changeBalance } from "@/lib/db/balance-events";
import { getDb } from "@/lib/db/client";
import { getSetting, setSetting } from "@/lib/db/settings";
import type { SettingsUpdate } from "@/lib/validation/settings";

const REGISTRATION_CREDIT = "registration.credit";

/** The settings an admin can change from the dashboard. */
export async function getSettings(): Promise<SettingsUpdate> {
  return { registrationCredit: Number((await getSetting(REGISTRATION_CREDIT)) ?? 0) };
}

/** Admin: changes the settings. */
export async function updateSettings(input: SettingsUpdate): Promise<SettingsUpdate> {
  await setSetting(REGISTRATION_CREDIT, String(input.registrationCredit));
  return getSettings();
}

/** Gives a self-registered account the starting credit an admin set (nothing when 0), in its balance history. */
export async function grantRegistrationCredit(userId: number): Promise<void> {
  const { registrationCredit } = await getSettings();
  if (registrationCredit <= 0) return;
  await getDb().$transaction((tx) => changeBalance(tx, { userId, amount: registrationCredit, kind: "grant", note: "Starting credit" }));
}
