import { describe, expect, it } from "vitest";
import { consentOfMessage } from "../consent";
import { deriveContext } from "../derive-context";
import { correctTimestamp, parseTimestamp, utcDay } from "../timestamps";
import type { IngestMessage } from "../types";
import { validateBatch } from "../validate";

function one(message: Record<string, unknown>, batch: Record<string, unknown> = {}): IngestMessage {
  const result = validateBatch({ batch: [message], ...batch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.messages[0];
}

describe("parseTimestamp", () => {
  it.each([
    ["2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T14:00:00+02:00", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T14:00:00+0200", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T14:00:00+02", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T12:00:00.123456Z", "2024-05-01T12:00:00.123Z"],
    ["2024-05-01T12:00", "2024-05-01T12:00:00.000Z"], // no zone: UTC, never the server's zone
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
  ])("reads %s", (input, expected) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(expected);
  });

  it.each(["yesterday", "1714564800", "2024-13-01T00:00:00Z", "1969-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "2024-05-01T12:00:00Zjunk", ""])(
    "refuses %j",
    (input) => expect(parseTimestamp(input)).toBeNull(),
  );
});

describe("correctTimestamp", () => {
  const received = new Date("2024-05-01T12:00:00Z");
  it("shifts by the client's clock error", () => {
    expect(correctTimestamp(new Date("2024-05-01T09:58:00Z"), new Date("2024-05-01T10:00:00Z"), received).toISOString()).toBe("2024-05-01T11:58:00.000Z");
  });
  it("trusts the client without sentAt, and uses receivedAt without a timestamp", () => {
    expect(correctTimestamp(new Date("2020-01-01T00:00:00Z"), null, received).toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(correctTimestamp(null, new Date("2024-05-01T10:00:00Z"), received)).toBe(received);
  });
  it("ignores a correction that would leave the accepted years", () => {
    const ts = new Date("2024-05-01T00:00:00Z");
    expect(correctTimestamp(ts, new Date("9999-01-01T00:00:00Z"), received)).toBe(ts);
  });
  it("buckets days in UTC", () => {
    expect(utcDay(new Date("2024-05-01T23:59:59.999Z")).toISOString()).toBe("2024-05-01T00:00:00.000Z");
  });
});

describe("validateBatch normalization", () => {
  it("stores page and screen calls as Page Viewed / Screen Viewed with name and category as properties", () => {
    expect(one({ type: "page", anonymousId: "a", name: "Home", category: "News", properties: { url: "u" } })).toMatchObject({
      event: "Page Viewed",
      properties: { url: "u", name: "Home", category: "News" },
    });
    expect(one({ type: "screen", userId: "u", name: "Cart" })).toMatchObject({ event: "Screen Viewed", properties: { name: "Cart" } });
  });

  it("takes profile traits from identify traits over context.traits, and only context.traits elsewhere", () => {
    const identify = one({ type: "identify", userId: "u", traits: { a: 1 }, context: { traits: { a: 0, b: 2 } } });
    expect(identify).toMatchObject({ event: "Identify", properties: { a: 1 }, traits: { a: 1, b: 2 } });
    expect(one({ type: "group", userId: "u", groupId: "g", traits: { size: 5 } })).toMatchObject({ event: "Group", properties: { size: 5, groupId: "g" }, traits: {} });
    expect(one({ type: "alias", userId: "u", previousId: "p" })).toMatchObject({ event: "Alias", previousId: "p", properties: { previousId: "p" } });
  });

  it("accepts numeric ids, treats empty ids as absent and generates missing messageIds", () => {
    const m = one({ type: "track", userId: 42, anonymousId: "", event: "E" });
    expect(m).toMatchObject({ userId: "42", anonymousId: null });
    expect(m.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the batch context and sentAt under each message's own", () => {
    const m = one({ type: "track", anonymousId: "a", event: "E", context: { locale: "fr" } }, { context: { locale: "de", ip: "1.2.3.4" }, sentAt: "2024-05-01T00:00:00Z" });
    expect(m.context).toEqual({ locale: "fr", ip: "1.2.3.4" });
    expect(m.sentAt?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
  });

  it("lists every bad message with its index, capped at 100", () => {
    const result = validateBatch({ batch: Array.from({ length: 150 }, () => ({ type: "nope" })) });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.errors.length).toBe(100);
  });

  it("survives hostile nesting far beyond the limit without overflowing the stack", () => {
    const deep = JSON.parse(`{"type":"track","anonymousId":"a","event":"E","properties":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    expect(validateBatch({ batch: [deep] })).toMatchObject({ ok: false, status: 400 });
  });
});

describe("consent and context", () => {
  it.each([
    [{ consent: { categoryPreferences: { Personalization: false, Analytics: true, Ads: false } } }, {}, { personalization: false, analytics: true }],
    [{ consent: { personalisation: true } }, {}, { personalization: true }],
    [{}, { consent: { analytics: false } }, { analytics: false }],
    [{ consent: { personalization: true } }, { consent: { personalization: false } }, { personalization: false }],
    [{ consent: "yes" }, {}, {}],
  ])("reads consent from context %j and traits %j", (context, traits, expected) => {
    expect(consentOfMessage(context, traits)).toEqual(expected);
  });

  it("prefers explicit device and os over the parsed user agent, and the referrer of context.page", () => {
    const m = one({
      type: "track",
      anonymousId: "a",
      event: "E",
      context: { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", os: { name: "Custom OS" }, page: { referrer: "https://r.test" }, referrer: { url: "https://other.test" } },
    });
    expect(deriveContext(m, "NL")).toEqual({ device_type: "desktop", browser: "Chrome", os: "Custom OS", country: "NL", referrer: "https://r.test" });
  });
});
