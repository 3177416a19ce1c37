import { CopyButton } from "@/components/ui/copy-button";

/** The gateway's OpenAI-compatible base URL (`…/v1`) with a copy button. */
export function BaseUrl({ origin }: { origin: string }) {
  const url = `${origin}/v1`;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <span className="text-sm text-zinc-500">Base URL</span>
      <code className="min-w-0 truncate rounded-md border border-zinc-200 bg-zinc-50 px-2 py-1 font-mono text-xs" data-testid="base-url">
        {url}
      </code>
      <CopyButton value={url} label="Copy URL" />
    </div>
  );
}
