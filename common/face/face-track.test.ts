import { describe, expect, it } from "vitest";
import { checkTrack, type TrackFrame } from "./face-track.js";

const picture = (seed: number) => Float32Array.from({ length: 32 * 32 }, (_, i) => 128 + 60 * Math.sin(i * 0.1 * seed + seed));
const face = (x: number, width: number, aligned: Float32Array, yaw = 0, keypointYaw = yaw, eyeDistance = width / 3): TrackFrame["face"] => ({
  box: { x, y: 100, width, height: width },
  aligned,
  pose: { yaw, pitch: 0 },
  keypointPose: { yaw: keypointYaw, pitch: 0 },
  eyeDistance,
});

describe("checkTrack", () => {
  const same = picture(1);

  it("accepts a face that moves and grows a little between frames", () => {
    const frames = [0, 1, 2, 3].map((i) => ({ t: i * 100, face: face(100 + i * 5, 100 + i * 2, same) }));
    expect(checkTrack(frames)).toMatchObject({ continuous: true });
  });

  it("breaks where the face jumps across the frame or changes size at once", () => {
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(300, 100, same) }])).toMatchObject({ continuous: false, break: "Jump", at: 1 });
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 160, same) }])).toMatchObject({ continuous: false, break: "Jump" });
  });

  it("allows more movement after a longer gap between frames", () => {
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 2000, face: face(250, 100, same) }])).toMatchObject({ continuous: true });
  });

  it("breaks where another face appears in the same pose, but not across a turn", () => {
    const swapped: TrackFrame[] = [{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, picture(7)) }];
    expect(checkTrack(swapped)).toMatchObject({ continuous: false, break: "Appearance", at: 1 });
    const turned: TrackFrame[] = [{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, picture(7), 20) }];
    expect(checkTrack(turned)).toMatchObject({ continuous: true });
  });

  it("compares pictures only where both pose estimates and the landmarks' eye distance stayed put", () => {
    const other = picture(7);
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, other, 2, 2) }])).toMatchObject({ break: "Appearance" });
    // Landmarks read a turn at half its size, BlazeFace's keypoints do not.
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, other, 2, 5) }])).toMatchObject({ continuous: true });
    // Landmarks slipped: the eyes came 15% closer while the face box kept its size.
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, other, 0, 0, 100 / 3 / 1.15) }])).toMatchObject({ continuous: true });
    expect(checkTrack([{ t: 0, face: face(100, 100, same) }, { t: 100, face: face(100, 100, other, 0, 0, 100 / 3 / 1.05) }])).toMatchObject({ break: "Appearance" });
  });

  it("refuses capture times that do not increase", () => {
    expect(checkTrack([{ t: 100, face: face(100, 100, same) }, { t: 100, face: face(100, 100, same) }])).toMatchObject({ continuous: false, break: "TimeOrder" });
  });
});
