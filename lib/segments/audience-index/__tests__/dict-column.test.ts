/**
 * A dictionary column must read back exactly what was written, whatever it went through: sparse
 * to dense, one-byte codes widened to two and four bytes as the dictionary grows, growth and trims.
 * Checked against a plain array, with answerRows in both of its modes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DictColumn } from "../dict-column";

const ROWS = 400;

const opArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), row: fc.nat(ROWS - 1), value: fc.oneof(fc.nat(70_000), fc.constantFrom<unknown>("a", "B", null, true, { x: 1 }, [1, 2])) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), row: fc.nat(ROWS - 1) }) },
  // A burst of new distinct values, so the dictionary crosses 255 and 65,535 within a run.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("burst" as const), from: fc.nat(1_000_000), count: fc.constantFrom(300, 70_000) }) },
);

describe("DictColumn", () => {
  it("reads back what was written through sparse, dense and widened storage", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), fc.boolean(), (ops, trimFirst) => {
        const column = new DictColumn(ROWS);
        const model: unknown[] = new Array(ROWS).fill(undefined);
        if (trimFirst) column.trim(ROWS - 1);
        column.grow(ROWS);
        for (const op of ops) {
          if (op.kind === "set") {
            column.set(op.row, op.value);
            model[op.row] = op.value;
          } else if (op.kind === "remove") {
            column.set(op.row, undefined);
            model[op.row] = undefined;
          } else {
            for (let i = 0; i < op.count; i++) {
              const row = i % ROWS;
              column.set(row, `v${op.from + i}`);
              model[row] = `v${op.from + i}`;
            }
          }
        }
        const read = model.map((_, row) => (column.codeAt(row) < 0 ? undefined : column.values[column.codeAt(row)]));
        expect(read).toEqual(model);
        expect(column.present).toBe(model.filter((v) => v !== undefined).length);
        // answerRows: a row answers 1 where its value is a string, `missing` where it has none.
        const answers = Uint8Array.from(column.values, (v) => (typeof v === "string" ? 1 : 0));
        for (const missing of [false, true]) {
          const expected = model.map((v) => (v === undefined ? (missing ? 1 : 0) : typeof v === "string" ? 1 : 0));
          const set = new Uint8Array(ROWS).fill(7);
          column.answerRows(set, ROWS, answers, missing, false);
          expect([...set]).toEqual(expected);
          const half = Uint8Array.from({ length: ROWS }, (_, row) => row % 2);
          column.answerRows(half, ROWS, answers, missing, true);
          expect([...half]).toEqual(expected.map((e, row) => e & (row % 2)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
