import { PageHeader } from "@/components/layout/page-header";
import { TokensTable } from "@/components/tokens/tokens-table";
import { requirePageActor } from "@/lib/dashboard/actor";
import { tokenGroupOptions } from "@/lib/dashboard/token-options";
import { listTokens, tokenToJson } from "@/lib/services/tokens";

export const metadata = { title: "Tokens" };

export default async function TokensPage() {
  const { user, actor } = await requirePageActor();
  const [tokens, groups] = await Promise.all([listTokens(actor, user.id), tokenGroupOptions(user)]);
  return (
    <>
      <PageHeader
        title="Tokens"
        description="API keys for your applications. Use them as the OpenAI API key with this gateway's /v1 base URL."
      />
      <TokensTable tokens={tokens.map(tokenToJson)} groups={groups} />
    </>
  );
}
