"use client";

import { decodeEntities } from "./slot-card";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const text = (v: unknown) => (typeof v === "string" ? esc(decodeEntities(v)) : "");
const url = (v: unknown) => (typeof v === "string" && /^(https?:\/\/|\/(?![/\\]))/i.test(v) ? esc(v) : "");

/**
 * An email slot as the recipient would see it: subject and preheader in the inbox line, then the
 * body. Rendered in a sandboxed frame without scripts; rich text was sanitized by decide.
 */
export function EmailPreview({ value }: { value: Record<string, unknown> }) {
  const body = typeof value.body === "string" ? value.body : "";
  const doc = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;background:#f1f5f9;font:15px/1.55 -apple-system,system-ui,sans-serif;color:#0f172a}
.mail{max-width:520px;margin:16px auto;background:#fff;border-radius:10px;overflow:hidden;border:1px solid #e2e8f0}
.top{background:#1c1917;color:#fafaf9;padding:14px 22px;font:700 16px Georgia,serif}.top span{color:#f59e0b}
.content{padding:22px}h1{font:700 22px/1.25 Georgia,serif;margin:0 0 10px}
a.cta{display:inline-block;background:#d97706;color:#fff;text-decoration:none;padding:10px 16px;border-radius:8px;font-weight:600;margin-top:8px}
.foot{color:#64748b;font-size:12px;padding:0 22px 18px}</style></head><body><div class="mail">
<div class="top">Acme <span>News</span> &amp; Shop</div><div class="content">
${value.headline ? `<h1>${text(value.headline)}</h1>` : ""}${body}
${url(value.cta) ? `<a class="cta" href="${url(value.cta)}">${text(value.cta_label) || "Read more"}</a>` : ""}
</div><div class="foot">You receive this because you subscribed to the Acme newsletter.</div></div></body></html>`;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200" data-testid="email-preview">
      <div className="border-b border-slate-100 bg-slate-50 px-3 py-2 text-xs">
        <p className="truncate"><span className="text-slate-500">Subject:</span> <strong className="text-slate-900">{decodeEntities(String(value.subject ?? "(no subject)"))}</strong></p>
        {value.preheader ? <p className="truncate text-slate-500">{decodeEntities(String(value.preheader))}</p> : null}
      </div>
      <iframe title="Email preview" srcDoc={doc} sandbox="" className="h-80 w-full bg-slate-100" />
    </div>
  );
}
