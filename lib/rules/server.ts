/** The server-only part of the rule language (it reads the database), plus everything in index.ts. */
import "server-only";

export * from "./index";
export { discoverCatalog } from "./discover-catalog";
