"use client";

import { Download } from "lucide-react";
import { codesCsv } from "@/components/admin/redemptions/codes-csv";
import type { RedemptionRowJson } from "@/components/admin/redemptions/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { formatUsd } from "@/lib/format";

/** The codes of a new batch, the one time they exist outside the people they are given to; CSV and copy. */
export function CreatedCodesDialog({ codes, onClose }: { codes: RedemptionRowJson[] | null; onClose: () => void }) {
  const list = codes ?? [];
  function download() {
    const url = URL.createObjectURL(new Blob([codesCsv(list)], { type: "text/csv" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `codes-${list[0]?.name.replace(/[^\w.-]+/g, "-") ?? "batch"}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <Dialog
      open={codes !== null}
      onClose={onClose}
      title={`${list.length} code${list.length === 1 ? "" : "s"} created`}
      description={list[0] ? `“${list[0].name}”, ${formatUsd(list[0].amount)} each.` : undefined}
      testId="created-codes-dialog"
      footer={<Button onClick={onClose}>I have saved the codes</Button>}
    >
      <div className="grid gap-3">
        <Alert variant="warning" title="These codes will not be shown again">
          Only a hash of each code is kept. Download or copy them now.
        </Alert>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={download}>
            <Download className="h-4 w-4" aria-hidden />
            Download CSV
          </Button>
          <CopyButton value={list.map((c) => c.code).join("\n")} label="Copy all codes" />
        </div>
        <pre className="max-h-64 overflow-y-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs" data-testid="created-codes">
          {list.map((c) => c.code).join("\n")}
        </pre>
      </div>
    </Dialog>
  );
}
