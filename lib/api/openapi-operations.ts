import { z } from "zod";
import { apiKeySchema, createKeySchema } from "@/lib/keys/api-keys";
import { addMemberSchema, changeRoleSchema } from "@/lib/workspaces/members";
import { auditQuerySchema } from "@/lib/audit/list-audit";
import { deleteWorkspaceSchema, renameWorkspaceSchema } from "@/lib/workspaces/manage";
import { SEGMENT_OPERATIONS } from "@/lib/segments/openapi";
// --- ingestion and profiles (lib/ingest, lib/profiles) ---
import { INGEST_OPERATIONS } from "@/lib/ingest/openapi";
import { PROFILE_OPERATIONS } from "@/lib/profiles/openapi";
// --- data collection: CSV imports and outbound webhooks (lib/imports, lib/webhooks) ---
import { IMPORT_OPERATIONS } from "@/lib/imports/openapi";
import { WEBHOOK_OPERATIONS } from "@/lib/webhooks/openapi";
import { INSIGHTS_BREAKDOWN_OPERATIONS, INSIGHTS_RESULTS_OPERATIONS } from "@/lib/insights/openapi";
import { INSIGHTS_OVERLAP_OPERATIONS } from "@/lib/insights/overlap-openapi";
import { INSIGHTS_HISTORY_OPERATIONS } from "@/lib/insights/history-openapi";
import { PERSONALIZATION_OPERATIONS } from "@/lib/personalization/openapi";
import { PREVIEW_OPERATIONS } from "@/lib/personalization/preview-openapi";
import type { Operation } from "./openapi";

const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["owner", "admin", "editor", "viewer"]),
  joinedAt: z.iso.datetime(),
});

const workspaceSchema = z.object({ id: z.string().uuid(), name: z.string(), slug: z.string(), isDemo: z.boolean(), allowedOrigins: z.array(z.string()), createdAt: z.iso.datetime() });

/** Every documented route. New routes add themselves here with the schemas they validate with. */
export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/workspace",
    summary: "The current workspace and the caller's role in it",
    tag: "Workspace",
    auth: "viewer",
    responses: { 200: { description: "The workspace", schema: z.object({ workspace: workspaceSchema, role: z.enum(["owner", "admin", "editor", "viewer"]) }) } },
  },
  {
    method: "patch",
    path: "/api/v1/workspace",
    summary: "Rename the workspace (its slug stays)",
    tag: "Workspace",
    auth: "admin",
    body: renameWorkspaceSchema,
    responses: { 200: { description: "Renamed", schema: z.object({ workspace: workspaceSchema }) } },
  },
  {
    method: "delete",
    path: "/api/v1/workspace",
    summary: "Delete the workspace and everything in it (owners signed in, not API keys; confirm with the slug)",
    tag: "Workspace",
    auth: "owner",
    body: deleteWorkspaceSchema,
    responses: { 200: { description: "Deleted", schema: z.object({ deleted: z.object({ id: z.string().uuid(), slug: z.string() }) }) } },
  },
  {
    method: "get",
    path: "/api/v1/keys",
    summary: "List API keys",
    tag: "Workspace",
    auth: "viewer",
    responses: { 200: { description: "The keys, newest first", schema: z.object({ data: z.array(apiKeySchema) }) } },
  },
  {
    method: "post",
    path: "/api/v1/keys",
    summary: "Create an API key (the secret is returned once)",
    tag: "Workspace",
    auth: "admin",
    body: createKeySchema,
    responses: { 201: { description: "Created", schema: z.object({ key: apiKeySchema, secret: z.string() }) } },
  },
  {
    method: "delete",
    path: "/api/v1/keys/{id}",
    summary: "Revoke an API key",
    tag: "Workspace",
    auth: "admin",
    params: z.object({ id: z.string().uuid() }),
    responses: { 200: { description: "Revoked", schema: z.object({ key: apiKeySchema }) } },
  },
  {
    method: "get",
    path: "/api/v1/members",
    summary: "List members and their roles",
    tag: "Workspace",
    auth: "viewer",
    responses: { 200: { description: "Members", schema: z.object({ data: z.array(memberSchema) }) } },
  },
  {
    method: "get",
    path: "/api/v1/audit",
    summary: "The audit log: who changed what, newest first (personal data of deleted profiles is never in it)",
    tag: "Workspace",
    auth: "admin",
    query: auditQuerySchema,
    responses: {
      200: {
        description: "One page of entries; pass nextCursor as cursor for the next",
        schema: z.object({
          data: z.array(
            z.object({
              id: z.number(),
              at: z.iso.datetime(),
              actor: z.string(),
              actorLabel: z.string(),
              action: z.string(),
              entityType: z.string(),
              entityId: z.string(),
              before: z.unknown(),
              after: z.unknown(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
    },
  },
  {
    method: "post",
    path: "/api/v1/members",
    summary: "Add a person by email (creates their account with the given initial password when none uses the email; only an owner adds owners)",
    tag: "Workspace",
    auth: "admin",
    body: addMemberSchema,
    responses: {
      201: { description: "Added", schema: z.object({ member: memberSchema, createdAccount: z.boolean() }) },
      409: { description: "Already a member" },
    },
  },
  {
    method: "patch",
    path: "/api/v1/members/{userId}",
    summary: "Change a member's role (only an owner changes owner roles; the last owner keeps theirs)",
    tag: "Workspace",
    auth: "admin",
    params: z.object({ userId: z.string() }),
    body: changeRoleSchema,
    responses: { 200: { description: "The member with the new role", schema: z.object({ member: memberSchema }) }, 409: { description: "The only owner" } },
  },
  {
    method: "delete",
    path: "/api/v1/members/{userId}",
    summary: "Remove a member from the workspace (their account stays; never the last owner)",
    tag: "Workspace",
    auth: "admin",
    params: z.object({ userId: z.string() }),
    responses: { 200: { description: "Removed", schema: z.object({ member: memberSchema }) }, 409: { description: "The only owner" } },
  },
  ...SEGMENT_OPERATIONS,
  // --- ingestion and profiles ---
  ...INGEST_OPERATIONS,
  ...PROFILE_OPERATIONS,
  ...IMPORT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...INSIGHTS_RESULTS_OPERATIONS,
  ...INSIGHTS_OVERLAP_OPERATIONS,
  ...INSIGHTS_BREAKDOWN_OPERATIONS,
  ...INSIGHTS_HISTORY_OPERATIONS,
  ...PERSONALIZATION_OPERATIONS,
  ...PREVIEW_OPERATIONS,
];
