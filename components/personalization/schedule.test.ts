import { describe, expect, it } from "vitest";
import { describeSchedule, isoToWallClock, schedulePhase, wallClockToIso } from "./schedule";

describe("schedule in a time zone", () => {
  it.each([
    ["2025-01-15T09:00", "Europe/Paris", "2025-01-15T08:00:00.000Z"],
    ["2025-07-15T09:00", "Europe/Paris", "2025-07-15T07:00:00.000Z"],
    ["2025-03-30T03:30", "Europe/Paris", "2025-03-30T01:30:00.000Z"], // just after the spring-forward gap
    ["2025-11-02T12:00", "America/New_York", "2025-11-02T17:00:00.000Z"], // the day DST ends
    ["2025-06-01T00:00", "Asia/Kolkata", "2025-05-31T18:30:00.000Z"],
    ["2025-06-01T00:00", "UTC", "2025-06-01T00:00:00.000Z"],
  ])("%s in %s is %s, and back", (local, zone, iso) => {
    expect(wallClockToIso(local, zone)).toBe(iso);
    expect(isoToWallClock(iso, zone)).toBe(local);
  });

  it("treats empty as no bound and refuses what it cannot read", () => {
    expect(wallClockToIso("", "UTC")).toBeNull();
    expect(wallClockToIso("2025-06-01", "UTC")).toBeUndefined();
    expect(wallClockToIso("2025-06-01T09:00", "Mars/Olympus")).toBeUndefined();
    expect(isoToWallClock(null, "UTC")).toBe("");
  });

  it("describes and places a schedule", () => {
    expect(describeSchedule(null, null, "UTC")).toBe("Always");
    expect(describeSchedule("2025-06-01T07:00:00.000Z", null, "Europe/Paris")).toBe("From Jun 1, 2025, 9:00 AM (Europe/Paris)");
    const now = Date.parse("2025-06-10T00:00:00Z");
    expect(schedulePhase("2025-06-11T00:00:00Z", null, now)).toBe("upcoming");
    expect(schedulePhase(null, "2025-06-10T00:00:00Z", now)).toBe("ended");
    expect(schedulePhase("2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z", now)).toBe("running");
  });
});
