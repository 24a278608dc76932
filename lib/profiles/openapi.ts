import type { Operation } from "@/lib/api/openapi";
import { z } from "zod";
import {
  deleteProfileResultSchema,
  listProfileEventsQuerySchema,
  pageSchema,
  profileDetailSchema,
  profileEventSchema,
  profileKeyParamsSchema,
  profileSchema,
  searchProfilesQuerySchema,
} from "./schemas";

/** The profiles API: look up, list events, search, delete. */
export const PROFILE_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/profiles",
    summary: "Search profiles by id, email or any trait, most recently seen first",
    tag: "Profiles",
    auth: "viewer",
    query: searchProfilesQuerySchema,
    responses: { 200: { description: "A page of profiles", schema: pageSchema(profileSchema.extend({ eventCount: z.number().int() })) } },
  },
  {
    method: "get",
    path: "/api/v1/profiles/{id}",
    summary: "Get a profile by userId, anonymousId or uuid",
    tag: "Profiles",
    auth: "viewer",
    params: profileKeyParamsSchema,
    responses: { 200: { description: "The profile", schema: profileDetailSchema } },
  },
  {
    method: "get",
    path: "/api/v1/profiles/{id}/events",
    summary: "List a profile's events, newest first",
    tag: "Profiles",
    auth: "viewer",
    params: profileKeyParamsSchema,
    query: listProfileEventsQuerySchema,
    responses: { 200: { description: "A page of events", schema: pageSchema(profileEventSchema) } },
  },
  {
    method: "delete",
    path: "/api/v1/profiles/{id}",
    summary: "Delete a person: profile, identities, events and rollups",
    tag: "Profiles",
    auth: "editor",
    params: profileKeyParamsSchema,
    responses: { 200: { description: "Deleted, with counts", schema: deleteProfileResultSchema } },
  },
];
