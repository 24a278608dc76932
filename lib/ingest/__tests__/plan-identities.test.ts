import { describe, expect, it } from "vitest";
import { planIdentities, type KnownIdentity } from "../identity/plan-identities";
import type { IngestMessage } from "../types";

const msg = (ids: Partial<Pick<IngestMessage, "userId" | "anonymousId" | "previousId" | "type">>): IngestMessage => ({
  type: "track",
  messageId: Math.random().toString(36),
  userId: null,
  anonymousId: null,
  previousId: null,
  event: "E",
  properties: {},
  traits: {},
  context: {},
  clientTimestamp: null,
  sentAt: null,
  ...ids,
});
const known = (kind: "user" | "anonymous", value: string, profileId: string, userId: string | null = null): KnownIdentity => ({ kind, value, profileId, userId, lastSeenMs: 0 });

describe("planIdentities", () => {
  it("creates one anonymous profile per unknown anonymousId, reused within the batch", () => {
    const plan = planIdentities([msg({ anonymousId: "a" }), msg({ anonymousId: "a" }), msg({ anonymousId: "b" })], []);
    expect(plan.newProfiles).toHaveLength(2);
    expect(plan.targets[0]).toBe(plan.targets[1]);
    expect(plan.newIdentities.map((i) => i.value)).toEqual(["a", "b"]);
  });

  it("folds an anonymous profile into the known user's", () => {
    const plan = planIdentities([msg({ userId: "u", anonymousId: "a" })], [known("user", "u", "P-u", "u"), known("anonymous", "a", "P-a")]);
    expect(plan).toMatchObject({ targets: ["P-u"], merges: [{ from: "P-a", into: "P-u" }], newProfiles: [] });
  });

  it("gives a new user the anonymous profile instead of creating one", () => {
    const plan = planIdentities([msg({ userId: "u", anonymousId: "a" })], [known("anonymous", "a", "P-a")]);
    expect(plan).toMatchObject({ targets: ["P-a"], userIdChanges: [{ profileId: "P-a", userId: "u" }], merges: [], newProfiles: [] });
  });

  it("never merges two known users implicitly (shared device)", () => {
    const plan = planIdentities([msg({ userId: "bob", anonymousId: "a" })], [known("anonymous", "a", "P-alice", "alice")]);
    expect(plan.merges).toEqual([]);
    expect(plan.newProfiles).toEqual([{ id: plan.targets[0], userId: "bob" }]);
    expect(plan.newIdentities).toEqual([{ kind: "user", value: "bob", profileId: plan.targets[0] }]);
  });

  it("merges two known users on alias, into the alias' userId", () => {
    const plan = planIdentities([msg({ type: "alias", previousId: "old", userId: "new" })], [known("user", "old", "P-old", "old"), known("user", "new", "P-new", "new")]);
    expect(plan).toMatchObject({ targets: ["P-new"], merges: [{ from: "P-old", into: "P-new" }] });
  });

  it("resolves chains within one batch to the final survivor without touching throwaway profiles", () => {
    const plan = planIdentities(
      [msg({ anonymousId: "x" }), msg({ userId: "u", anonymousId: "x" }), msg({ type: "alias", previousId: "u", userId: "v" })],
      [known("user", "v", "P-v", "v")],
    );
    expect(plan.targets).toEqual(["P-v", "P-v", "P-v"]);
    expect(plan.newProfiles).toEqual([]);
    expect(plan.merges).toEqual([]);
    expect(plan.newIdentities.map((i) => [i.kind, i.value, i.profileId])).toEqual([
      ["anonymous", "x", "P-v"],
      ["user", "u", "P-v"],
    ]);
  });
});
