import { randomUUID } from "node:crypto";
import type { ParsedMessage } from "./read-message";
import type { IngestMessage, Json } from "./types";

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Event name and properties as stored, per Segment's conventions for each call. */
function storedEvent(m: ParsedMessage): { event: string; properties: Json } {
  switch (m.type) {
    case "track":
      return { event: m.event, properties: m.properties };
    case "page":
    case "screen": {
      // Segment puts a page's name and category at the top level; rules filter on them as properties.
      const properties: Json = { ...m.properties };
      if (m.name != null) properties.name = m.name;
      if (m.category != null) properties.category = m.category;
      return { event: m.type === "page" ? "Page Viewed" : "Screen Viewed", properties };
    }
    case "identify":
      return { event: "Identify", properties: m.traits };
    case "group":
      return { event: "Group", properties: { ...m.traits, groupId: m.groupId } };
    case "alias":
      return { event: "Alias", properties: { previousId: m.previousId } };
    default: {
      const never: never = m;
      throw new Error(`Unhandled message type ${(never as { type: string }).type}`);
    }
  }
}

/** Profile traits a message sets: `context.traits`, overridden by an identify call's own traits. */
function profileTraits(m: ParsedMessage, context: Json): Json {
  const fromContext = isObject(context.traits) ? context.traits : {};
  return m.type === "identify" ? { ...fromContext, ...m.traits } : { ...fromContext };
}

/** Turns a validated message into the stored shape; the batch context sits under the message's. */
export function normalizeMessage(m: ParsedMessage, batch: { context: Json; sentAt: Date | null }): IngestMessage {
  const context = { ...batch.context, ...m.context };
  const { event, properties } = storedEvent(m);
  const messageId = m.messageId ?? randomUUID();
  return {
    type: m.type,
    messageId,
    userId: m.userId,
    anonymousId: m.anonymousId,
    previousId: m.type === "alias" ? m.previousId : null,
    event,
    properties,
    traits: profileTraits(m, context),
    context,
    clientTimestamp: m.timestamp ?? m.originalTimestamp,
    sentAt: m.sentAt ?? batch.sentAt,
  };
}
