"use client";

/** Last resort when the root layout itself fails: its own document, no app styles. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0, color: "#0f172a" }}>
        <main style={{ textAlign: "center", padding: 24 }}>
          <h1 style={{ fontSize: 20, fontWeight: 600 }}>Tailor could not load</h1>
          <p style={{ color: "#64748b", fontSize: 14 }}>Something went wrong on our side. The server log has the details.</p>
          <button
            type="button"
            onClick={() => retry()}
            style={{ marginTop: 16, padding: "8px 14px", borderRadius: 6, border: "none", background: "#4f46e5", color: "white", fontWeight: 500 }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
