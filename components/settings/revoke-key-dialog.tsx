"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ApiKeyRow } from "./types";
import { useRevokeApiKey } from "./use-settings-queries";

/** Asks before revoking a key, because whatever uses it stops working at once. */
export function RevokeKeyDialog({ workspace, apiKey, onClose }: { workspace: string; apiKey: ApiKeyRow | null; onClose: () => void }) {
  const revoke = useRevokeApiKey(workspace);

  function close() {
    revoke.reset();
    onClose();
  }

  return (
    <Dialog
      open={apiKey !== null}
      onClose={close}
      dismissible={!revoke.isPending}
      title={apiKey ? `Revoke “${apiKey.name}”?` : "Revoke key?"}
      description="Anything that uses this key stops working immediately. This cannot be undone."
      data-testid="revoke-key-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={revoke.isPending}
            data-testid="confirm-revoke"
            onClick={() => apiKey && revoke.mutate(apiKey.id, { onSuccess: close })}
          >
            Revoke key
          </Button>
        </>
      }
    >
      {apiKey ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Key <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{apiKey.prefix}…</code>
          </p>
          {revoke.error ? <Alert tone="danger">{revoke.error.message}</Alert> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
