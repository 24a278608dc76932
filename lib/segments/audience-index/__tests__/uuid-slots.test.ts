import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UuidSlots } from "../uuid-slots";

describe("UuidSlots", () => {
  it("finds every id it was given, spells it back, and orders slots as the ids' text", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3000 }), fc.array(fc.uuid(), { maxLength: 50 }), (ids, others) => {
        const slots = new UuidSlots(4); // tiny, so it grows and rehashes many times
        ids.forEach((id, i) => expect(slots.add(id)).toBe(i));
        ids.forEach((id, i) => expect(slots.find(id)).toBe(i));
        ids.forEach((id, i) => expect(slots.idAt(i)).toBe(id.toLowerCase()));
        for (const other of others) if (!ids.includes(other)) expect(slots.find(other)).toBe(-1);
        const byText = ids.map((_, i) => i).sort((a, b) => (ids[a].toLowerCase() < ids[b].toLowerCase() ? -1 : 1));
        expect(ids.map((_, i) => i).sort((a, b) => slots.compare(a, b))).toEqual(byText);
      }),
      { numRuns: 30 },
    );
  });

  it("refuses what is not a uuid", () => {
    const slots = new UuidSlots();
    expect(slots.find("not-a-uuid")).toBe(-1);
    expect(slots.find("0000000g-0000-0000-0000-000000000000")).toBe(-1);
    expect(() => slots.add("1234")).toThrow(/Not a uuid/);
  });
});
