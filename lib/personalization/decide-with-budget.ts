/**
 * Decisions that never break a site: the whole decision runs under a time budget, and a database
 * failure or timeout serves the slot's default (reason ERROR, errorCode GENERAL) from the last
 * config held in memory. Only a slot that does not exist is an error for the caller.
 */
import "server-only";
import type { Database } from "@/db/client";
import { decide, fallbackDecision, scheduledExperiences, type DecideInput, type DecideOptions, type Decision } from "./decide";
import { visitorFor } from "./visitor-cache";
import { currentWorkspaceConfig, getWorkspaceConfig, peekWorkspaceConfig, type WorkspaceConfig } from "./workspace-config";

export const DEFAULT_BUDGET_MS = 150;

class BudgetExceeded extends Error {}

/**
 * Set once a decision's time budget ran out, so nothing more is recorded for it. A plain flag,
 * not an AbortController: creating an AbortSignal costs tens of microseconds on Node 20, on every
 * decision, and nothing here needs its events.
 */
export interface Budget {
  aborted: boolean;
}

/** `work`, or BudgetExceeded after `ms` (marking `budget` aborted); one promise and one timer per call. */
function withBudget<T>(work: Promise<T>, ms: number, budget: Budget): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      budget.aborted = true;
      reject(new BudgetExceeded(`no decision within ${ms} ms`));
    }, ms);
    // A late result or failure after the timeout is ignored (the promise is settled already).
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof BudgetExceeded) return `Tailor could not decide in time (${error.message}); the default is served.`;
  return "Tailor could not read its database; the default is served.";
}

/** The workspace config within the budget, else the last good one; null when none was ever loaded. */
async function configWithin(db: Database, workspaceId: string, ms: number): Promise<WorkspaceConfig | null> {
  const cached = currentWorkspaceConfig(workspaceId);
  if (cached) return cached; // the usual case: no timer, no database
  try {
    return await withBudget(getWorkspaceConfig(db, workspaceId), ms, { aborted: false });
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) console.error(`[tailor] decide: cannot load the configuration of workspace ${workspaceId}`, error);
    return peekWorkspaceConfig(workspaceId) ?? null;
  }
}

export type BudgetedDecision = { kind: "decision"; decision: Decision } | { kind: "unknown_slot" } | { kind: "unavailable"; details: string };

/** Decides one slot within `budgetMs`. */
export async function decideWithBudget(
  db: Database,
  input: Omit<DecideInput, "slotKey"> & { slotKey: string },
  options: DecideOptions & { budgetMs?: number } = {},
): Promise<BudgetedDecision> {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  // The usual case — config cached and current — costs no timer and no extra promise.
  const cached = currentWorkspaceConfig(input.workspaceId);
  if (!cached) return (await decideManyWithBudget(db, { ...input, slotKeys: [input.slotKey] }, options))[0];
  const slot = cached.slots.get(input.slotKey);
  if (!slot) return { kind: "unknown_slot" };
  const now = input.now ?? new Date();
  return decideSlot(db, { ...input, now }, slot.key, cached, budget, options, { aborted: false });
}

async function decideSlot(
  db: Database,
  input: Omit<DecideInput, "slotKey"> & { now: Date },
  slotKey: string,
  config: WorkspaceConfig,
  ms: number,
  options: DecideOptions,
  budget: Budget,
): Promise<BudgetedDecision> {
  const slot = config.slots.get(slotKey);
  if (!slot) return { kind: "unknown_slot" };
  try {
    const decision = await withBudget(decide(db, { ...input, slotKey }, { ...options, config, signal: budget }), ms, budget);
    return decision ? { kind: "decision", decision } : { kind: "unknown_slot" };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) console.error(`[tailor] decide failed for slot ${slotKey}; serving its default`, error);
    return { kind: "decision", decision: await fallbackDecision(slot, input.now, describe(error)) };
  }
}

/** Decides several slots (all of the workspace's when `slotKeys` is null) sharing one budget. */
export async function decideManyWithBudget(
  db: Database,
  input: Omit<DecideInput, "slotKey"> & { slotKeys: string[] | null },
  options: DecideOptions & { budgetMs?: number } = {},
): Promise<BudgetedDecision[]> {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = Date.now();
  const now = input.now ?? new Date();
  const config = await configWithin(db, input.workspaceId, budget);
  if (!config) return (input.slotKeys ?? [""]).map(() => ({ kind: "unavailable", details: "Tailor could not read its database and has no cached configuration yet." }));
  const keys = input.slotKeys ?? [...config.slots.keys()].sort();
  const remaining = Math.max(1, budget - (Date.now() - started));
  const shared: Budget = { aborted: false };
  let slotOptions = options;
  if (keys.length > 1 && !options.visitor && !options.preloaded) {
    // One visitor load with what every slot needs, instead of one per slot.
    const experiences = keys.flatMap((key) => {
      const slot = config.slots.get(key);
      return slot ? scheduledExperiences(slot, now) : [];
    });
    if (experiences.length > 0) {
      const preloaded = visitorFor(db, config, { workspaceId: input.workspaceId, targetingKey: input.context.targetingKey, now, candidates: experiences }, options.visitorDb);
      // Each slot's decision awaits it (and serves its default when it fails); a slot that is
      // decided without a visitor (nothing scheduled) must not leave the failure unhandled.
      preloaded.catch(() => {});
      slotOptions = { ...options, preloaded };
    }
  }
  return Promise.all(keys.map((slotKey) => decideSlot(db, { ...input, now }, slotKey, config, remaining, slotOptions, shared)));
}
