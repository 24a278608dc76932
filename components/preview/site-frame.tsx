"use client";

import { useEffect, useRef, useState } from "react";
import type { PreviewSlot } from "./types";

export interface FramePage {
  url: string;
  path: string;
  slots: string[];
}

interface TailorMessage {
  source: "tailor";
  type: "ready" | "select" | "event";
  slots?: string[];
  page?: { url: string; path: string };
  slot?: string;
  message?: { type: string; event?: string; category?: string };
}

/**
 * The site inside a frame in tailor.js preview mode (`?tailor_preview=1`): the page reports its
 * slots, receives this visitor's decisions from here instead of calling OFREP, and sends nothing.
 */
export function SiteFrame({ src, slots, onPage, onSelect, onEvent, selected }: {
  src: string;
  /** Decisions for the page currently shown; null while they are being made. */
  slots: PreviewSlot[] | null;
  onPage: (page: FramePage) => void;
  onSelect: (slot: string) => void;
  onEvent: (description: string) => void;
  selected: string | null;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(0);
  const handlers = useRef({ onPage, onSelect, onEvent });
  handlers.current = { onPage, onSelect, onEvent };

  useEffect(() => {
    function listen(e: MessageEvent) {
      const d = e.data as TailorMessage | null;
      if (e.source !== frame.current?.contentWindow || e.origin !== window.location.origin || !d || d.source !== "tailor") return;
      if (d.type === "ready" && d.page) {
        handlers.current.onPage({ url: d.page.url, path: d.page.path, slots: d.slots ?? [] });
        setReady((n) => n + 1);
      } else if (d.type === "select" && d.slot) handlers.current.onSelect(d.slot);
      else if (d.type === "event" && d.message) {
        const m = d.message;
        const name = m.event ?? (m.type === "page" ? `Page Viewed${m.category ? ` (${m.category})` : ""}` : m.type);
        handlers.current.onEvent(`Preview mode: “${name}” was not sent.`);
      }
    }
    window.addEventListener("message", listen);
    // The page may have loaded (and said "ready") before this listener existed: ask again.
    frame.current?.contentWindow?.postMessage({ source: "tailor-preview", type: "hello" }, window.location.origin);
    return () => window.removeEventListener("message", listen);
  }, []);

  useEffect(() => {
    if (!ready || !slots) return;
    const flags = slots.map((s) => s.decision);
    frame.current?.contentWindow?.postMessage({ source: "tailor-preview", type: "decisions", flags }, window.location.origin);
  }, [ready, slots]);

  useEffect(() => {
    if (ready && selected) frame.current?.contentWindow?.postMessage({ source: "tailor-preview", type: "highlight", slot: selected }, window.location.origin);
  }, [ready, selected]);

  return <iframe ref={frame} src={src} title="The site as this visitor sees it" className="h-[780px] w-full rounded-b-xl bg-white" data-testid="preview-frame" />;
}
