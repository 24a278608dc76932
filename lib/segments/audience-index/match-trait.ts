/**
 * Trait conditions over the index: the condition's value test (the TypeScript engine's own) runs
 * once per distinct value of the column, then every slot reads its answer by code.
 */
import type { TraitCondition } from "@/lib/rules/ast";
import { resolveField } from "@/lib/rules/fields";
import { compileJsonGetter } from "@/lib/rules/json-getter";
import { assertNever } from "@/lib/rules/operators";
import { compileValueTest, type ValueTest } from "@/lib/rules/value-test";
import type { AudienceIndex } from "./audience-index";
import type { DictColumn } from "./dict-column";

/**
 * Which codes of `column` pass a test of the value at `path` (path[0] is the column's key), and
 * whether a row without the key passes. The value is rebuilt as `{ [key]: value }` so the JSON
 * getter reads it exactly as it reads the whole object.
 */
export function codeAnswers(column: DictColumn | undefined, path: readonly string[], test: ValueTest, now: number) {
  const get = compileJsonGetter(path);
  const key = path[0];
  const missing = test(get({}), now);
  const values = column?.values ?? [];
  const ok = new Uint8Array(values.length);
  for (let code = 0; code < values.length; code++) ok[code] = test(get({ [key]: values[code] }), now) ? 1 : 0;
  return { ok, missing };
}

/** The slots whose profile matches a trait condition as of `now` (dead slots not cleared). */
export function matchTrait(index: AudienceIndex, c: TraitCondition, now: number): Uint8Array {
  const out = new Uint8Array(index.size);
  const test = compileValueTest(c);
  const ref = resolveField(c.field);
  if (ref === null) throw new Error(`Unknown field "${c.field}"`);
  switch (ref.source) {
    case "traits":
    case "context": {
      const columns = ref.source === "traits" ? index.traits : index.context;
      const column = columns.get(ref.path[0]);
      const { ok, missing } = codeAnswers(column, ref.path, test, now);
      if (column) column.answerRows(out, index.size, ok, missing, false);
      else out.fill(missing ? 1 : 0);
      return out;
    }
    case "user_id":
      for (let slot = 0; slot < index.size; slot++) out[slot] = test(index.userIds[slot], now) ? 1 : 0;
      return out;
    case "known": {
      const [yes, no] = [test(true, now) ? 1 : 0, test(false, now) ? 1 : 0];
      for (let slot = 0; slot < index.size; slot++) out[slot] = index.userIds[slot] !== null && index.userIds[slot] !== undefined ? yes : no;
      return out;
    }
    case "first_seen_at":
    case "last_seen_at": {
      const times = ref.source === "first_seen_at" ? index.firstSeen : index.lastSeen;
      // One Date, moved from slot to slot: the tests read it and keep nothing.
      const date = new Date(0);
      for (let slot = 0; slot < index.size; slot++) {
        date.setTime(times[slot]);
        out[slot] = test(date, now) ? 1 : 0;
      }
      return out;
    }
    default:
      return assertNever(ref, "field");
  }
}
