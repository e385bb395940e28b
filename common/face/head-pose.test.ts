import { describe, expect, it } from "vitest";
import { directionOf, estimateHeadPose } from "./head-pose.js";
import { HEAD_MODEL, project } from "./testing/synthetic-head.js";

const neutral = estimateHeadPose(project(HEAD_MODEL, {}));

describe("estimateHeadPose", () => {
  it("reads a frontal head as yaw 0", () => {
    expect(neutral.yaw).toBeCloseTo(0, 6);
  });

  it("gives yaw > 0 when the user turns to their left and < 0 to their right", () => {
    expect(estimateHeadPose(project(HEAD_MODEL, { yaw: 20 })).yaw).toBeGreaterThan(15);
    expect(estimateHeadPose(project(HEAD_MODEL, { yaw: -20 })).yaw).toBeLessThan(-15);
  });

  it("gives a pitch above neutral when the user looks up and below when down", () => {
    expect(estimateHeadPose(project(HEAD_MODEL, { pitch: 15 })).pitch - neutral.pitch).toBeGreaterThan(10);
    expect(estimateHeadPose(project(HEAD_MODEL, { pitch: -15 })).pitch - neutral.pitch).toBeLessThan(-10);
  });

  it("ignores rotation of the keypoints in the image plane", () => {
    const angle = (30 * Math.PI) / 180;
    const turned = project(HEAD_MODEL, { yaw: 20, pitch: 10 });
    const rotated = turned.map(({ x, y }) => ({
      x: 320 + (x - 320) * Math.cos(angle) - (y - 240) * Math.sin(angle),
      y: 240 + (x - 320) * Math.sin(angle) + (y - 240) * Math.cos(angle),
    }));
    expect(estimateHeadPose(rotated).yaw).toBeCloseTo(estimateHeadPose(turned).yaw, 6);
    expect(estimateHeadPose(rotated).pitch).toBeCloseTo(estimateHeadPose(turned).pitch, 6);
  });

  it("keeps yaw and pitch apart: a pure turn barely changes pitch and a pure nod barely changes yaw", () => {
    expect(Math.abs(estimateHeadPose(project(HEAD_MODEL, { yaw: 25 })).pitch - neutral.pitch)).toBeLessThan(2);
    expect(Math.abs(estimateHeadPose(project(HEAD_MODEL, { pitch: 20 })).yaw)).toBeLessThan(0.5);
  });
});

describe("directionOf", () => {
  const turned = (placement: { yaw?: number; pitch?: number; roll?: number }) =>
    directionOf(estimateHeadPose(project(HEAD_MODEL, placement)), neutral);

  it.each([
    [{ yaw: 20 }, "left"],
    [{ yaw: -20 }, "right"],
    [{ pitch: 15 }, "up"],
    [{ pitch: -15 }, "down"],
    [{ yaw: 25, roll: 15 }, "left"],
    [{ pitch: 20, yaw: 8 }, "up"],
  ] as const)("reads %o as %s", (placement, direction) => {
    expect(turned(placement)).toBe(direction);
  });

  it("reports no direction for small movements", () => {
    expect(turned({ yaw: 8 })).toBeUndefined();
    expect(turned({ pitch: 5 })).toBeUndefined();
    expect(turned({ roll: 30 })).toBeUndefined();
  });
});
