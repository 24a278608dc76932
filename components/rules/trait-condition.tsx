"use client";

import type { Operator } from "@/lib/rules/ast";
import type { FieldType } from "@/lib/rules/catalog";
import { OPERATORS_BY_TYPE } from "@/lib/rules/operators";
import { useBuilder } from "./builder-context";
import { fieldLabel } from "./catalog-options";
import { ConditionFrame } from "./node-chrome";
import { OperatorSelect, typeOfOperator } from "./operator-select";
import { Picker } from "./picker";
import { firstOperator, predicateFor, withPredicate, type LoosePredicate } from "./predicate-defaults";
import { hasProblemAt, problemsUnder } from "./rule-problems";
import { pathKey, type NodePath, type RuleNode } from "./rule-tree";
import { ValueEditor } from "./value-editor";

export interface TraitNode extends LoosePredicate {
  type: "trait";
  id?: string;
  field: string;
}

/** "[Country] [is one of] [US, GB]": a field, an operator for its type, and a value editor. */
export function TraitCondition({ node, path, siblings }: { node: TraitNode; path: NodePath; siblings: number }) {
  const { index, fieldOptions, update, problems: all, disabled } = useBuilder();
  const problems = all.get(pathKey(path));
  const field = index.fields.get(node.field);
  const type: FieldType = field?.type ?? typeOfOperator(node.operator);
  const examples = field?.examples ?? [];
  const label = fieldLabel(field, node.field);
  const set = (next: TraitNode) => update(path, () => next as unknown as RuleNode);

  function changeField(name: string) {
    const next = index.fields.get(name);
    if (!next) return;
    const keep = (OPERATORS_BY_TYPE[next.type] as readonly string[]).includes(node.operator);
    const operator = keep ? (node.operator as Operator) : firstOperator(next.type);
    // A value chosen for another field rarely fits this one: start from this field's examples.
    set({ type: "trait", ...(node.id ? { id: node.id } : {}), field: name, ...predicateFor(operator, next.type, undefined, next.examples) });
  }

  return (
    <ConditionFrame path={path} siblings={siblings} kind="trait" problems={problems}>
      <div className="flex flex-wrap items-center gap-1.5">
        <Picker
          value={node.field}
          options={fieldOptions}
          onChange={changeField}
          label="Field"
          placeholder="Choose a field"
          searchPlaceholder="Search traits and context…"
          invalid={hasProblemAt(problems, ["field"])}
          disabled={disabled}
          renderValue={(o) => (
            <>
              {o.group && o.group !== "Traits" ? <span className="mr-1 text-[11px] font-normal text-slate-400">{o.group}</span> : null}
              {o.label}
            </>
          )}
          data-testid="field-picker"
        />
        <OperatorSelect
          type={type}
          value={node.operator}
          onChange={(op) => set(withPredicate(node, predicateFor(op, type, node.value, examples)))}
          invalid={hasProblemAt(problems, ["operator"])}
          disabled={disabled}
          subject={label}
        />
        <ValueEditor
          operator={node.operator}
          value={node.value}
          type={type}
          examples={examples}
          onChange={(value) => set({ ...node, value })}
          problems={problemsUnder(problems, [])}
          subject={label}
          disabled={disabled}
        />
      </div>
    </ConditionFrame>
  );
}
