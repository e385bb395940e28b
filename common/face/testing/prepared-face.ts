import type { BlazeFaceDetector, RgbaImage } from "../blazeface.js";
import { landmarkCropBox } from "../face-analysis.js";
import type { FaceNetworks } from "../face-networks.js";
import type { Point } from "../keypoints.js";
import { faceTexture, type FaceIdentity } from "./face-photos.js";
import { headRelief, type HeadRelief } from "./head-relief.js";
import { headSurface, sheetSurface, surfaceMesh, type Mesh } from "./scene-renderer.js";

/** A face of the test set ready to render: its texture, the texture's landmarks, and meshes. */
export interface PreparedFace {
  identity: FaceIdentity;
  texture: RgbaImage;
  landmarks: Point[];
  /** The head with relief (nose height in mm from the seed), for genuine attempts. */
  head(noseMm: number): { mesh: Mesh; relief: HeadRelief };
  /** The texture as a print: flat, or bent (radius in mm, > 0 bulging towards the camera). */
  print(bendRadiusMm?: number): Mesh;
}

export async function prepareFace(identity: FaceIdentity, detector: BlazeFaceDetector, networks: FaceNetworks): Promise<PreparedFace> {
  const texture = faceTexture(identity);
  const [face] = await detector.detect(texture);
  if (!face) throw new Error(`No face found in the texture of ${identity.id}`);
  const [landmarks] = await networks.landmarks([{ image: texture, box: landmarkCropBox(face.box) }]);
  return {
    identity,
    texture,
    landmarks,
    head(noseMm) {
      const relief = headRelief(landmarks, { noseMm });
      return { mesh: surfaceMesh(texture, headSurface(relief)), relief };
    },
    print(bendRadiusMm) {
      return surfaceMesh(texture, sheetSurface(texture.width, { bendRadiusMm }));
    },
  };
}
