"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BarChart3,
  Boxes,
  CircleDollarSign,
  KeyRound,
  LayoutDashboard,
  Network,
  Ticket,
  UserRound,
  Users,
  UsersRound,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/lib/utils";

type Item = { href: string; label: string; icon: LucideIcon };

const userItems: Item[] = [
  { href: "/dashboard", label: "Overview", icon: LayoutDashboard },
  { href: "/dashboard/tokens", label: "Tokens", icon: KeyRound },
  { href: "/dashboard/usage", label: "Usage", icon: BarChart3 },
  { href: "/dashboard/models", label: "Models", icon: Boxes },
  { href: "/dashboard/account", label: "Account", icon: UserRound },
];

const adminItems: Item[] = [
  { href: "/dashboard/admin/users", label: "Users", icon: Users },
  { href: "/dashboard/admin/groups", label: "Groups", icon: UsersRound },
  { href: "/dashboard/admin/pricing", label: "Pricing", icon: CircleDollarSign },
  { href: "/dashboard/admin/channels", label: "Channels", icon: Network },
  { href: "/dashboard/admin/redemptions", label: "Redemption codes", icon: Ticket },
];

function NavLink({ item, active }: { item: Item; active: boolean }) {
  const Icon = item.icon;
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors",
        active ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
      )}
    >
      <Icon className="h-4 w-4" aria-hidden />
      {item.label}
    </Link>
  );
}

/** The dashboard's navigation: every entry in a column (the sidebar on wide screens, the menu on phones). */
export function Nav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const isActive = (href: string) =>
    href === "/dashboard" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {userItems.map((item) => (
        <NavLink key={item.href} item={item} active={isActive(item.href)} />
      ))}
      {isAdmin ? (
        <>
          <p className="px-3 pt-4 pb-1 text-xs font-semibold tracking-wide text-zinc-400 uppercase">
            Admin
          </p>
          {adminItems.map((item) => (
            <NavLink key={item.href} item={item} active={isActive(item.href)} />
          ))}
        </>
      ) : null}
    </nav>
  );
}
