import { describe, expect, it } from "vitest";
import { describeVariantLift, formatSignedPercent, summarizeExperience } from "./experience-summary";
import { computeLift, MIN_CONVERSIONS, MIN_VISITORS } from "./lift";

const holdout = { visitors: 1000, converters: 100 };
const variant = (key: string, visitors: number, converters: number, control = holdout) => ({
  key,
  name: key,
  visitors,
  lift: computeLift(control, { visitors, converters }),
});

describe("describeVariantLift", () => {
  it("says how many times the holdout a significant winner converts, with its interval", () => {
    // 180/1000 vs 100/1000: ratio 1.8, CI of the relative lift about +43% to +126%.
    expect(describeVariantLift(variant("Sports", 1000, 180))).toBe("“Sports” converts 1.8× the holdout, 95% CI +43% to +126%.");
  });

  it("marks a significant loser and a result that could be chance", () => {
    // 60/1000 vs 100/1000: SE(ln RR) = √(0.94/60 + 0.9/100) = 0.15706, 0.6·e^(∓0.30783) − 1 = −56%, −18%.
    expect(describeVariantLift(variant("Quiet", 1000, 60))).toBe("“Quiet” converts 0.6× the holdout (worse), 95% CI −56% to −18%.");
    expect(describeVariantLift(variant("Bold", 1000, 110))).toBe("“Bold” converts 1.1× the holdout, 95% CI −15% to +42%: not significant, the difference could be chance.");
  });

  it(`needs ${MIN_VISITORS} visitors and ${MIN_CONVERSIONS} conversions per group before it calls anything`, () => {
    const control = { visitors: MIN_VISITORS, converters: MIN_CONVERSIONS };
    // Just enough: a verdict. One visitor or one conversion fewer anywhere: "not enough data yet".
    expect(describeVariantLift(variant("A", MIN_VISITORS, 40, control))).toMatch(/^“A” converts 4× the holdout/);
    expect(describeVariantLift(variant("A", MIN_VISITORS - 1, 40, control))).toBe(`Not enough data yet: the variant has ${MIN_VISITORS - 1} visitors (needs ${MIN_VISITORS}).`);
    expect(describeVariantLift(variant("A", MIN_VISITORS, 40, { visitors: MIN_VISITORS, converters: MIN_CONVERSIONS - 1 }))).toBe(
      `Not enough data yet: the holdout has ${MIN_CONVERSIONS - 1} conversions (needs ${MIN_CONVERSIONS}).`,
    );
  });
});

describe("summarizeExperience", () => {
  it("picks the variant with the highest lift among those with enough data", () => {
    const tiny = variant("tiny", 20, 15); // huge rate, but far too few visitors to count
    const summary = summarizeExperience({ holdout, variants: [variant("a", 1000, 120), variant("b", 1000, 180), tiny] });
    expect(summary.verdict).toBe("better");
    expect(summary.best?.key).toBe("b");
  });

  it("is inconclusive or worse when the best variant is", () => {
    expect(summarizeExperience({ holdout, variants: [variant("a", 1000, 105)] }).verdict).toBe("inconclusive");
    expect(summarizeExperience({ holdout, variants: [variant("a", 1000, 50), variant("b", 1000, 60)] })).toMatchObject({ verdict: "worse", best: { key: "b" } });
  });

  it("says plainly when there is not enough data, no traffic, or no holdout", () => {
    const few = summarizeExperience({ holdout: { visitors: 40 }, variants: [variant("a", 50, 5, { visitors: 40, converters: 4 })] });
    expect(few).toMatchObject({ verdict: "not_enough_data", best: { key: "a" } });
    expect(few.sentence).toBe(`Not enough data yet: each group needs at least ${MIN_VISITORS} visitors and ${MIN_CONVERSIONS} conversions before lift is shown.`);
    expect(summarizeExperience({ holdout: { visitors: 0 }, variants: [{ key: "a", name: "a", visitors: 0, lift: null }] })).toMatchObject({ verdict: "no_traffic", best: null });
    expect(summarizeExperience({ holdout: null, variants: [{ key: "a", name: "a", visitors: 10, lift: null }] }).verdict).toBe("no_holdout");
    // Nobody has seen it: that is the news, holdout or not.
    expect(summarizeExperience({ holdout: null, variants: [{ key: "a", name: "a", visitors: 0, lift: null }] }).verdict).toBe("no_traffic");
  });

  it.each([
    [0.2, "+20%"],
    [-0.054, "−5%"],
    [0.004, "+0.4%"],
    [0, "0%"],
    [-0.0001, "0%"],
  ])("formatSignedPercent(%d) = %s", (value, text) => {
    expect(formatSignedPercent(value)).toBe(text);
  });
});
