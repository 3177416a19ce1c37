import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { TokenDetailActions } from "@/components/tokens/token-detail-actions";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { TokenUsageSection } from "@/components/tokens/token-usage-section";
import { tokenState } from "@/components/tokens/types";
import { Skeleton } from "@/components/ui/skeleton";
import type { Actor } from "@/lib/auth/guards";
import { requirePageActor } from "@/lib/dashboard/actor";
import { tokenGroupOptions } from "@/lib/dashboard/token-options";
import { ApiError } from "@/lib/errors";
import { getToken, tokenToJson } from "@/lib/services/tokens";

export const metadata = { title: "Token" };

/** The signed-in user's own token, or the 404 page (before anything streams, so the status is 404 too). */
async function loadOwnToken(actor: Actor, raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    const token = await getToken(actor, id);
    // Admins may read anyone's token through the API; this page shows only the user's own.
    if (token.userId !== actor.user?.id) notFound();
    return token;
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    throw err;
  }
}

function SectionSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading usage">
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-32 rounded-xl" />
        ))}
      </div>
      <Skeleton className="h-80 rounded-xl" />
    </div>
  );
}

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, actor } = await requirePageActor();
  const token = tokenToJson(await loadOwnToken(actor, (await params).id));
  const groups = await tokenGroupOptions(user);
  return (
    <>
      <Link href="/dashboard/tokens" className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900">
        <ArrowLeft className="h-4 w-4" aria-hidden /> Tokens
      </Link>
      <PageHeader title={token.name} description={`Key ${token.keyPreview}`} actions={<TokenDetailActions token={token} groups={groups} />} />
      <div className="-mt-3 mb-6">
        <TokenStatusBadge state={tokenState(token)} />
      </div>
      <Suspense fallback={<SectionSkeleton />}>
        <TokenUsageSection actor={actor} token={token} />
      </Suspense>
    </>
  );
}
