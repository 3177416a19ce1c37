"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Coins, KeyRound, Pencil } from "lucide-react";
import { TopUpDialog } from "@/components/admin/users/topup-dialog";
import type { UserRow } from "@/components/admin/users/types";
import { UserFormDialog } from "@/components/admin/users/user-form-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu } from "@/components/ui/dropdown-menu";

/** Credits, edit and the tokens view for one user: buttons on the user's page, a menu in the table. */
export function UserRowActions({ user, groups, variant = "menu" }: { user: UserRow; groups: string[]; variant?: "menu" | "buttons" }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [topping, setTopping] = useState(false);
  const dialogs = (
    <>
      <UserFormDialog open={editing} onClose={() => setEditing(false)} user={user} groups={groups} />
      <TopUpDialog open={topping} onClose={() => setTopping(false)} user={user} />
    </>
  );
  if (variant === "buttons") {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => setTopping(true)}>
          <Coins className="h-4 w-4" aria-hidden />
          Adjust credits
        </Button>
        <Button variant="outline" onClick={() => setEditing(true)}>
          <Pencil className="h-4 w-4" aria-hidden />
          Edit user
        </Button>
        {dialogs}
      </div>
    );
  }
  return (
    <div className="flex justify-end">
      <DropdownMenu
        label={`Actions for ${user.email}`}
        items={[
          { label: "Adjust credits", icon: <Coins className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setTopping(true) },
          { label: "Edit", icon: <Pencil className="h-3.5 w-3.5" aria-hidden />, onSelect: () => setEditing(true) },
          { label: "View tokens", icon: <KeyRound className="h-3.5 w-3.5" aria-hidden />, onSelect: () => router.push(`/dashboard/admin/users/${user.id}`) },
        ]}
      />
      {dialogs}
    </div>
  );
}
