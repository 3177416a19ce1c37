import { PageHeader } from "@/components/layout/page-header";
import { BaseUrl } from "@/components/onboarding/base-url";
import { TokensTable } from "@/components/tokens/tokens-table";
import { requirePageActor } from "@/lib/dashboard/actor";
import { tokenGroupOptions } from "@/lib/dashboard/token-options";
import { gatewayOrigin } from "@/lib/dashboard/viewer";
import { listTokens, tokenToJson } from "@/lib/services/tokens";

export const metadata = { title: "Tokens" };

export default async function TokensPage({ searchParams }: { searchParams: Promise<{ new?: string | string[] }> }) {
  const { user, actor } = await requirePageActor();
  const [tokens, groups, origin, params] = await Promise.all([listTokens(actor, user.id), tokenGroupOptions(user), gatewayOrigin(), searchParams]);
  return (
    <>
      <PageHeader title="Tokens" description="API keys for your applications: use one as the OpenAI API key, with this base URL." />
      <div className="mb-4">
        <BaseUrl origin={origin} />
      </div>
      <TokensTable tokens={tokens.map(tokenToJson)} groups={groups} origin={origin} startCreating={params.new === "1"} />
    </>
  );
}
