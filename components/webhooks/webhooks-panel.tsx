"use client";

import { useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { CreateWebhookDialog } from "./create-webhook-dialog";
import { useDeleteWebhook, useDeliveries, useSetWebhookActive, useWebhooks, type DeliveryDto } from "./use-webhook-queries";

const STATUS_TONE = { delivered: "success", pending: "warning", failed: "danger" } as const;

function DeliveryOutcome({ d }: { d: DeliveryDto }) {
  if (d.status === "delivered") return <span className="text-xs text-slate-500">HTTP {d.lastStatusCode} · <RelativeTime value={d.deliveredAt} /></span>;
  return (
    <span className="text-xs text-slate-500" title={d.lastError ?? undefined}>
      {d.lastError ?? "not sent yet"}
      {d.status === "pending" && d.nextAttemptAt ? <> · next try <RelativeTime value={d.nextAttemptAt} /></> : null}
    </span>
  );
}

/** Settings → Webhooks: the endpoints told about segment enters/exits, and the last 50 deliveries. */
export function WebhooksPanel({ workspace, canManage }: { workspace: string; canManage: boolean }) {
  const webhooks = useWebhooks(workspace);
  const deliveries = useDeliveries(workspace);
  const setActive = useSetWebhookActive(workspace);
  const remove = useDeleteWebhook(workspace);
  const [creating, setCreating] = useState(false);
  const rows = webhooks.data?.data ?? [];
  const log = deliveries.data?.data ?? [];

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Webhooks"
          description="POST a signed JSON event to your URL when someone enters or leaves a segment. Failed deliveries are retried after 1 s, 5 s, 30 s, 2 min and 10 min."
          actions={canManage ? <Button size="sm" onClick={() => setCreating(true)} data-testid="webhook-create"><PlusIcon className="size-4" />New webhook</Button> : null}
        />
        {webhooks.error ? <Alert tone="danger" className="m-4">{webhooks.error.message}</Alert> : null}
        {rows.length === 0 && !webhooks.isPending ? (
          <p className="px-5 py-6 text-sm text-slate-500">No webhooks yet.</p>
        ) : (
          <Table>
            <THead>
              <tr><TH>URL</TH><TH>Segments</TH><TH>Events</TH><TH>Status</TH><TH>Created</TH>{canManage ? <TH><span className="sr-only">Actions</span></TH> : null}</tr>
            </THead>
            <TBody>
              {rows.map((w) => (
                <TR key={w.id} data-testid="webhook-row">
                  <TD className="max-w-80"><code className="block truncate font-mono text-xs text-slate-700" title={w.url}>{w.url}</code></TD>
                  <TD className="max-w-56 text-sm">{w.segments ? w.segments.map((s) => s.name).join(", ") || "(deleted segments)" : "All segments"}</TD>
                  <TD className="text-sm">{w.events.join(", ")}</TD>
                  <TD>{w.active ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}</TD>
                  <TD className="text-sm whitespace-nowrap"><RelativeTime value={w.createdAt} /><span className="block text-xs text-slate-400">{w.createdBy}</span></TD>
                  {canManage ? (
                    <TD className="text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setActive.mutate({ id: w.id, active: !w.active })}>{w.active ? "Pause" : "Resume"}</Button>
                      <Button size="sm" variant="danger-ghost" onClick={() => { if (window.confirm(`Delete the webhook to ${w.url} and its delivery log?`)) remove.mutate(w.id); }}>Delete</Button>
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <Card>
        <CardHeader title="Recent deliveries" description="The last 50, newest first; refreshes every few seconds." />
        {log.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500" data-testid="deliveries-empty">No deliveries yet: they appear when someone enters or leaves a watched segment.</p>
        ) : (
          <Table>
            <THead>
              <tr><TH>Event</TH><TH>Segment</TH><TH>Profile</TH><TH>Status</TH><TH>Tries</TH><TH>Outcome</TH><TH>Queued</TH></tr>
            </THead>
            <TBody>
              {log.map((d) => (
                <TR key={d.id} data-testid="delivery-row" data-status={d.status}>
                  <TD className="text-sm">{d.type}</TD>
                  <TD><code className="font-mono text-xs">{d.segmentKey}</code></TD>
                  <TD><code className="block max-w-32 truncate font-mono text-xs text-slate-500" title={d.profileId ?? undefined}>{d.profileId}</code></TD>
                  <TD><Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge></TD>
                  <TD className="tabular text-sm">{d.attempts}</TD>
                  <TD className="max-w-72"><DeliveryOutcome d={d} /></TD>
                  <TD className="text-sm whitespace-nowrap"><RelativeTime value={d.createdAt} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {canManage ? <CreateWebhookDialog workspace={workspace} open={creating} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
