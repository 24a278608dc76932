/**
 * The rule language: parse → evaluate (one profile, TypeScript) or compileToSql (the population,
 * PostgreSQL), and describe. Safe to import in the browser; `discoverCatalog` needs the database
 * and lives in "@/lib/rules/server".
 */
export * from "./ast";
export type { Catalog, CatalogEvent, CatalogField, CatalogProperty, ExampleValue, FieldType } from "./catalog";
export { indexCatalog } from "./catalog";
export { BUILTIN_FIELDS, STANDARD_CONTEXT_KEYS, resolveField } from "./fields";
export { OPERATORS_BY_TYPE, OPERATOR_LABELS, operatorFits } from "./operators";
export { parse, type ParseOptions, type ParseResult, type RuleError, type RuleErrorCode } from "./parse";
export { compileEvaluator, evaluate, type EventFact, type Evaluator, type Facts, type ProfileFacts } from "./evaluate";
export { compileToSql, type SqlContext } from "./compile-sql";
export { inlineSegments } from "./inline-segments";
export { describe } from "./describe";
export { parseIsoDate } from "./iso-date";
