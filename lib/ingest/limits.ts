/**
 * Ingestion limits. They match Segment's HTTP Tracking API so that every official client
 * (which enforces the same sizes before sending) is accepted unchanged.
 */

/** A whole `/batch` request body. */
export const MAX_BATCH_BYTES = 500 * 1024;
/** One message, serialized as JSON; also the limit for single-message endpoints. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
/** Objects and arrays inside `traits`, `properties`, `context` (the field itself is level 1). */
export const MAX_DEPTH = 10;
/** userId, anonymousId, previousId, groupId and messageId. */
export const MAX_ID_LENGTH = 255;
/** Event names and page/screen names. */
export const MAX_NAME_LENGTH = 200;
/** Event timestamps outside these years are rejected: they cannot be charted or windowed. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;
