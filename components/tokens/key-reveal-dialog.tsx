"use client";

import { BaseUrl } from "@/components/onboarding/base-url";
import { SnippetTabs } from "@/components/onboarding/snippet-tabs";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";

/** Shows a new token's full key, the one time it exists outside the client's hands, with ready-made setups using it. */
export function KeyRevealDialog({
  tokenKey,
  name,
  origin,
  model,
  onClose,
}: {
  tokenKey: string | null;
  name: string;
  origin: string;
  /** A model the token can call, for the snippets. */
  model: string;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={tokenKey !== null}
      onClose={onClose}
      title={`Token “${name}” created`}
      description="Copy the key now and keep it somewhere safe."
      className="max-w-2xl"
      testId="key-reveal-dialog"
      footer={<Button onClick={onClose}>I have saved the key</Button>}
    >
      <div className="grid gap-4">
        <Alert variant="warning" title="This key will not be shown again">
          The gateway stores only a hash of it. If you lose it, create a new token.
        </Alert>
        <div className="grid gap-2">
          <code data-testid="new-token-key" className="block rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs break-all select-all">
            {tokenKey}
          </code>
          <CopyButton value={tokenKey ?? ""} label="Copy key" className="justify-self-start" />
        </div>
        <BaseUrl origin={origin} />
        <SnippetTabs origin={origin} tokenKey={tokenKey ?? undefined} model={model} />
      </div>
    </Dialog>
  );
}
