"use client";

import { useState } from "react";
import { ApiRequestError } from "@/components/api-client";
import { useSegments } from "@/components/segments/use-segment-queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useCreateWebhook } from "./use-webhook-queries";

/** Creates a webhook, then shows its signing secret once. */
export function CreateWebhookDialog({ workspace, open, onClose }: { workspace: string; open: boolean; onClose: () => void }) {
  const create = useCreateWebhook(workspace);
  const segments = useSegments(workspace, { q: "", tag: "", status: "active" });
  const [url, setUrl] = useState("");
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [events, setEvents] = useState<("enter" | "exit")[]>(["enter", "exit"]);
  const fields = create.error instanceof ApiRequestError ? create.error.fieldErrors() : {};
  const secret = create.data?.secret;

  function close() {
    create.reset();
    setUrl("");
    setChosen([]);
    setAll(true);
    onClose();
  }
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  if (secret) {
    return (
      <Dialog open={open} onClose={close} title="Webhook created" description="Copy the signing secret now: it is shown only once." footer={<Button onClick={close}>Done</Button>} data-testid="webhook-secret-dialog">
        <code className="block rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-800 select-all" data-testid="webhook-secret">{secret}</code>
        <p className="mt-3 text-xs text-slate-500">Every delivery carries <code>X-Tailor-Signature: t=…,v1=…</code>: an HMAC-SHA256 of <code>t.body</code> with this secret. See docs/webhooks.md.</p>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New webhook"
      description="Tailor POSTs a signed JSON event to this URL whenever someone enters or leaves a watched segment."
      dismissible={!create.isPending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>Cancel</Button>
          <Button
            onClick={() => create.mutate({ url: url.trim(), segments: all ? null : chosen, events })}
            pending={create.isPending}
            disabled={!url.trim() || events.length === 0 || (!all && chosen.length === 0)}
            data-testid="webhook-submit"
          >
            Create webhook
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field id="webhook-url" label="URL" hint="https://, or http:// for localhost" error={fields.url}>
          <Input id="webhook-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/tailor" invalid={Boolean(fields.url)} data-testid="webhook-url" />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="mt-1.5 flex gap-4 text-sm text-slate-700">
            {(["enter", "exit"] as const).map((e) => (
              <label key={e} className="flex items-center gap-2">
                <input type="checkbox" checked={events.includes(e)} onChange={() => setEvents(toggle(events, e))} className="size-4 accent-accent-600" />
                {e === "enter" ? "Entered a segment" : "Left a segment"}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Segments</legend>
          <label className="mt-1.5 flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" checked={all} onChange={() => setAll(true)} className="size-4 accent-accent-600" /> All segments
          </label>
          <label className="mt-1 flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" checked={!all} onChange={() => setAll(false)} className="size-4 accent-accent-600" data-testid="webhook-choose-segments" /> Only these:
          </label>
          {!all ? (
            <div className="mt-2 max-h-40 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
              {(segments.data?.data ?? []).map((s) => (
                <label key={s.key} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={chosen.includes(s.key)} onChange={() => setChosen(toggle(chosen, s.key))} className="size-4 accent-accent-600" />
                  {s.name} <code className="text-xs text-slate-400">{s.key}</code>
                </label>
              ))}
            </div>
          ) : null}
        </fieldset>
        {create.error && !fields.url ? <Alert tone="danger">{create.error.message}</Alert> : null}
      </div>
    </Dialog>
  );
}
