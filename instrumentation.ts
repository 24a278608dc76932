/**
 * Next.js calls `register()` once when a server process starts. Tailor starts its membership
 * timer, its background insight jobs (history backfills) and its webhook delivery loop here: only in
 * the Node.js runtime (not the edge), and not while `next build` runs. `TAILOR_MEMBERSHIP_TIMER=off` /
 * `TAILOR_INSIGHT_JOBS=off` / `TAILOR_WEBHOOKS=off` disable them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.TAILOR_MEMBERSHIP_TIMER !== "off") {
    const { startMembershipTimer } = await import("./lib/membership/timer");
    startMembershipTimer();
  }
  if (process.env.TAILOR_INSIGHT_JOBS !== "off") {
    const { startInsightJobs } = await import("./lib/insights/start-insight-jobs");
    startInsightJobs();
  }
  if (process.env.TAILOR_WEBHOOKS !== "off") {
    const { startWebhookLoop } = await import("./lib/webhooks/timer");
    startWebhookLoop();
  }
}
