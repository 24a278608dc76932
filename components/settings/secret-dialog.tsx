"use client";

import { useState } from "react";
import type { ApiKeyKind } from "@/db/schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import { KEY_KINDS } from "./types";

export interface CreatedKey {
  name: string;
  kind: ApiKeyKind;
  secret: string;
}

/**
 * Shows a new key's secret, once. Tailor stores only a hash, so after this dialog closes the
 * secret is gone from the browser too.
 */
export function SecretDialog({ created, onClose }: { created: CreatedKey | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      // No clipboard permission (or an insecure origin): select the text so Ctrl+C works.
      const field = document.getElementById("api-key-secret") as HTMLInputElement | null;
      field?.select();
    }
  }

  function close() {
    setCopied(false);
    onClose();
  }

  return (
    <Dialog
      open={created !== null}
      onClose={close}
      title={created ? `Your new ${KEY_KINDS[created.kind].label.toLowerCase()} key “${created.name}”` : "Your new key"}
      data-testid="secret-dialog"
      footer={
        <Button onClick={close} data-testid="secret-dialog-done">
          I have copied it
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <Alert tone="warning" title="Copy this key now. It will not be shown again.">
            Tailor keeps only a fingerprint of the key. If you lose it, revoke it and create a new one.
          </Alert>
          <div>
            <label htmlFor="api-key-secret" className="sr-only">
              API key
            </label>
            <div className="flex gap-2">
              <input
                id="api-key-secret"
                readOnly
                value={created.secret}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="api-key-secret"
                className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 font-mono text-[13px] text-slate-900 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none"
              />
              <Button variant="secondary" onClick={copy} data-testid="copy-secret" aria-live="polite">
                {copied ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
