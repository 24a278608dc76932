/**
 * Next.js calls `register()` once when a server process starts. Tailor starts its membership
 * timer here: only in the Node.js runtime (not the edge), and not while `next build` runs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.TAILOR_MEMBERSHIP_TIMER === "off") return;
  const { startMembershipTimer } = await import("./lib/membership/timer");
  startMembershipTimer();
}
