/** Starts background insight jobs in this process with every job kind registered (instrumentation.ts). */
import "server-only";
import { startInsightJobs } from "./jobs";
import "./segment-size-history";

export { startInsightJobs };
