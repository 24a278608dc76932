"use client";

import { useState } from "react";
import { formatDate, formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon, PlusIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { CreateKeyDialog } from "./create-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { SecretDialog, type CreatedKey } from "./secret-dialog";
import { KEY_KIND_ORDER, KEY_KINDS, type ApiKeyRow } from "./types";
import { useApiKeys } from "./use-settings-queries";

const KIND_TONE: Record<ApiKeyRow["kind"], BadgeTone> = { write: "neutral", client: "accent", admin: "warning" };

/** The workspace's API keys; admins can create and revoke them, everyone else can look. */
export function ApiKeysPanel({ workspace, canManage }: { workspace: string; canManage: boolean }) {
  const { data, error } = useApiKeys(workspace);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const keys = data?.data ?? [];

  const createButton = canManage ? (
    <Button size="sm" onClick={() => setCreating(true)} data-testid="create-key">
      <PlusIcon className="size-4" />
      Create key
    </Button>
  ) : null;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="API keys" description="Keys let your sites, apps and scripts talk to Tailor." actions={createButton} />
        {error ? (
          <div className="p-5">
            <Alert tone="danger">API keys could not be loaded: {error.message}</Alert>
          </div>
        ) : keys.length === 0 ? (
          <div className="p-5">
            <EmptyState
              icon={<KeyIcon />}
              title="No API keys yet"
              description={canManage ? "Create a write key to start sending events from your site or app." : "An admin of this workspace can create keys."}
              action={createButton}
              className="border-none py-8"
              data-testid="api-keys-empty"
            />
          </div>
        ) : (
          <Table data-testid="api-keys-table">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH>Kind</TH>
                <TH>Key</TH>
                <TH>Created</TH>
                <TH>Last used</TH>
                <TH>Status</TH>
                {canManage ? <TH className="text-right"><span className="sr-only">Actions</span></TH> : null}
              </tr>
            </THead>
            <TBody>
              {keys.map((key) => (
                <TR key={key.id} data-testid="api-key-row" data-key-id={key.id} className={key.revokedAt ? "text-slate-400" : undefined}>
                  <TD className="font-medium text-slate-900">{key.name}</TD>
                  <TD>
                    <Badge tone={KIND_TONE[key.kind]}>{KEY_KINDS[key.kind].label}</Badge>
                  </TD>
                  <TD>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{key.prefix}…</code>
                  </TD>
                  <TD className="whitespace-nowrap text-slate-500">{formatDate(key.createdAt)}</TD>
                  <TD className="whitespace-nowrap text-slate-500">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</TD>
                  <TD>
                    {key.revokedAt ? (
                      <Badge tone="danger">Revoked {formatDate(key.revokedAt)}</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </TD>
                  {canManage ? (
                    <TD className="text-right">
                      {key.revokedAt ? null : (
                        <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </Button>
                      )}
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card>
        <CardHeader title="Kinds of keys" description="Pick the least powerful kind that does the job." />
        <dl className="grid gap-px bg-slate-100 md:grid-cols-3">
          {KEY_KIND_ORDER.map((kind) => (
            <div key={kind} className="bg-white px-5 py-4">
              <dt className="flex items-center gap-2 text-sm font-medium text-slate-900">
                <Badge tone={KIND_TONE[kind]}>{KEY_KINDS[kind].label}</Badge>
                {KEY_KINDS[kind].summary}
              </dt>
              <dd className="mt-1.5 text-sm text-slate-500">{KEY_KINDS[kind].detail}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {canManage ? (
        <>
          <CreateKeyDialog workspace={workspace} open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
          <RevokeKeyDialog workspace={workspace} apiKey={revoking} onClose={() => setRevoking(null)} />
        </>
      ) : null}
      <SecretDialog created={created} onClose={() => setCreated(null)} />
    </div>
  );
}
