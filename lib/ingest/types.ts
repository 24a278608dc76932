/** The message types of the Segment spec that Tailor stores. */
export const MESSAGE_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export type Json = Record<string, unknown>;

/**
 * A validated message, already in the shape it is stored in: page/screen/identify/group/alias
 * calls carry their stored event name and properties; `traits` are the profile traits it sets.
 */
export interface IngestMessage {
  type: MessageType;
  messageId: string;
  userId: string | null;
  anonymousId: string | null;
  /** alias only: the id being merged into `userId`. */
  previousId: string | null;
  event: string;
  properties: Json;
  /** Profile traits this message sets (identify traits over context.traits); `null` removes a key. */
  traits: Json;
  /** The message context, with the batch-level context merged underneath. */
  context: Json;
  /** What the client said (`timestamp`, else `originalTimestamp`); null when it said nothing. */
  clientTimestamp: Date | null;
  /** When the client sent it (message `sentAt`, else the batch's). */
  sentAt: Date | null;
}

export interface ValidationIssue {
  /** Position in the batch; null for a problem with the batch envelope itself. */
  index: number | null;
  path: string[];
  message: string;
}

export type ValidationResult =
  | { ok: true; messages: IngestMessage[]; writeKey: string | null }
  | { ok: false; status: 400 | 413; errors: ValidationIssue[] };
