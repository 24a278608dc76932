/** A tiny HTML builder for the demo site: interpolations are escaped unless wrapped in `raw`. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export class Raw {
  constructor(readonly html: string) {}
  toString() {
    return this.html;
  }
}

/** Marks already-safe markup so `html` does not escape it. */
export const raw = (markup: string) => new Raw(markup);

type Value = Raw | string | number | boolean | null | undefined | Value[];

function render(value: Value): string {
  if (value instanceof Raw) return value.html;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; arrays and `raw(...)` pass through. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Raw(out);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so it cannot close the tag. */
export function jsonForScript(value: unknown): Raw {
  return new Raw(JSON.stringify(value).replace(/</g, "\\u003c"));
}
