import type { ApiKeyKind, Role } from "@/db/schema";

/** A member as GET /api/v1/members returns it (dates as ISO strings). */
export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

/** An API key as GET /api/v1/keys returns it: never the secret. */
export interface ApiKeyRow {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ListResponse<T> {
  data: T[];
}

/** Kinds in the order the picker lists them (the schema enum is server code, not imported here). */
export const KEY_KIND_ORDER: readonly ApiKeyKind[] = ["write", "client", "admin"];

/** What each kind of key is for, in the words shown next to the kind picker. */
export const KEY_KINDS: Record<ApiKeyKind, { label: string; summary: string; detail: string }> = {
  write: {
    label: "Write",
    summary: "Ingestion: sends events and traits",
    detail: "For the web snippet, apps and servers that send data. It can only add data, so it may be public in a web page.",
  },
  client: {
    label: "Client",
    summary: "Decisions: asks what to show a visitor",
    detail: "For sites and apps that fetch personalized content. It may be public, and works only from the allowed origins of this workspace.",
  },
  admin: {
    label: "Admin",
    summary: "Management API: full access",
    detail: "For scripts and CI that manage segments, experiences and keys. Keep it secret: never put it in a browser or a repository.",
  },
};

/** An audit log entry as GET /api/v1/audit returns it (dates as ISO strings). */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
