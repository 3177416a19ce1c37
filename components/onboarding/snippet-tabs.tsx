"use client";

import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { snippet, SNIPPET_LABELS, type SnippetId } from "@/components/onboarding/snippets";
import { cn } from "@/lib/utils";

const IDS = Object.keys(SNIPPET_LABELS) as SnippetId[];

/** Tabs of client setups (curl, Python, Node, Claude Code, Codex) for this gateway, each with a copy button. */
export function SnippetTabs({ origin, tokenKey, model }: { origin: string; tokenKey?: string; model: string }) {
  const [current, setCurrent] = useState<SnippetId>("curl");
  const uid = useId();
  const text = snippet(current, origin, tokenKey ?? "sk-your-token", model);
  return (
    <div className="grid min-w-0 gap-2" data-testid="snippets">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="Client" className="flex flex-wrap gap-1">
          {IDS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`${uid}-${id}`}
              aria-selected={current === id}
              aria-controls={`${uid}-panel`}
              onClick={() => setCurrent(id)}
              className={cn(
                "rounded-md px-2.5 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400",
                current === id && "bg-zinc-900 text-white hover:bg-zinc-900",
              )}
            >
              {SNIPPET_LABELS[id]}
            </button>
          ))}
        </div>
        <CopyButton value={text} label={`Copy ${SNIPPET_LABELS[current]} snippet`} />
      </div>
      <pre
        id={`${uid}-panel`}
        role="tabpanel"
        aria-labelledby={`${uid}-${current}`}
        className="min-w-0 overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-relaxed"
        data-testid="snippet-text"
      >
        {text}
      </pre>
    </div>
  );
}
