/**
 * Diagnostic: summarizes a sampling heap profile written by `npm run bench:decide -- --promoted DIR`
 * (allocations that survived scavenges, i.e. were promoted to the old generation). Prints the
 * allocating functions with the most sampled bytes, and the same bytes charged to the nearest frame
 * that is not in node's own code (`node:`) — who asked for them. Run:
 * `npx tsx bench/decide/promoted.ts DIR/decide.heapprofile [--top 25]`.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: ProfileNode[];
}
interface SamplingProfile {
  head: ProfileNode;
  samples: { size: number; nodeId: number }[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
if (positionals.length !== 1) throw new Error("usage: tsx bench/decide/promoted.ts FILE.heapprofile [--top N]");
const top = Number(values.top);
const profile = JSON.parse(fs.readFileSync(positionals[0], "utf8")) as SamplingProfile;

const where = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${f.lineNumber + 1}`;
const ownCode = (f: CallFrame) => f.url !== "" && !f.url.startsWith("node:");

const self = new Map<string, number>();
const asked = new Map<string, number>();
let total = 0;
// Walk the tree keeping the stack; a node's selfSize is the sampled bytes allocated in it.
const walk = (node: ProfileNode, stack: CallFrame[]) => {
  const frames = [...stack, node.callFrame];
  if (node.selfSize > 0) {
    total += node.selfSize;
    self.set(where(node.callFrame), (self.get(where(node.callFrame)) ?? 0) + node.selfSize);
    const owner = [...frames].reverse().find(ownCode);
    const key = owner ? where(owner) : "(node internals only)";
    asked.set(key, (asked.get(key) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, frames);
};
walk(profile.head, []);

const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${(v / 2 ** 20).toFixed(1).padStart(7)} MB  ${k}`);
};
console.log(`sampled bytes that survived scavenges: ${(total / 2 ** 20).toFixed(1)} MB`);
print("allocated in:", self);
print("nearest frame outside node internals:", asked);
