import type * as OrtModule from "onnxruntime-web";
import type { Ort, RgbaImage } from "./blazeface.js";
import { EMBEDDING_INPUT_SIZE, FACE_API_MEAN_RGB, faceEmbeddingModel, LANDMARK_INPUT_SIZE, landmark68Model } from "./face-api-graphs.js";
import { squareTransform, writeCrop, type CropTransform, type SquareBox } from "./face-crop.js";
import type { Point } from "./keypoints.js";
import type { TfjsWeights } from "./tfjs-weights.js";

/**
 * face-api's 68-point landmark network and its face recognition network on
 * onnxruntime-web, like BlazeFaceDetector: the caller passes onnxruntime in, with the
 * weights read from `@vladmandic/face-api/model`. Crops of one call run as one batch.
 *
 * - Landmarks: 68 points (iBUG 300-W order) in frame pixels, from a square crop of the
 *   frame that face-api's network saw in training as a detector's box.
 * - Embedding: 128 numbers from a 150x150 crop aligned on the landmarks; faces of one
 *   person lie within about 0.6 of each other (Euclidean), as dlib's model was trained.
 */

export interface FaceNetworkWeights {
  landmarks: TfjsWeights;
  /** Weights of the tiny landmark network when `landmarks` holds them (face_landmark_68_tiny_model). */
  tinyLandmarks?: boolean;
  embedding: TfjsWeights;
}

export class FaceNetworks {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly ort: Ort,
    private readonly landmarkSession: OrtModule.InferenceSession,
    private readonly embeddingSession: OrtModule.InferenceSession,
  ) {}

  static async create(ort: Ort, weights: FaceNetworkWeights, sessionOptions: OrtModule.InferenceSession.SessionOptions = {}): Promise<FaceNetworks> {
    const options = { executionProviders: ["wasm"], ...sessionOptions };
    const landmarkSession = await ort.InferenceSession.create(landmark68Model(weights.landmarks, weights.tinyLandmarks), options);
    const embeddingSession = await ort.InferenceSession.create(faceEmbeddingModel(weights.embedding), options);
    return new FaceNetworks(ort, landmarkSession, embeddingSession);
  }

  /** 68 landmarks for each (frame, square box) pair, as one batch. */
  landmarks(crops: readonly { image: RgbaImage; box: SquareBox }[]): Promise<Point[][]> {
    return this.enqueue(async () => {
      if (crops.length === 0) return [];
      const n = LANDMARK_INPUT_SIZE;
      const input = new Float32Array(crops.length * 3 * n * n);
      crops.forEach(({ image, box }, b) => writeCrop(image, squareTransform(box, n), n, FACE_API_MEAN_RGB, input, b * 3 * n * n));
      const output = await this.run(this.landmarkSession, input, crops.length, n);
      return crops.map(({ box }, b) =>
        Array.from({ length: 68 }, (_, k) => ({
          x: box.x + output[b * 136 + 2 * k] * box.size,
          y: box.y + output[b * 136 + 2 * k + 1] * box.size,
        })),
      );
    });
  }

  /** One embedding per (frame, crop) pair; the crops come from embeddingCrop(). */
  embeddings(crops: readonly { image: RgbaImage; transform: CropTransform }[]): Promise<Float32Array[]> {
    return this.enqueue(async () => {
      if (crops.length === 0) return [];
      const n = EMBEDDING_INPUT_SIZE;
      const input = new Float32Array(crops.length * 3 * n * n);
      crops.forEach((crop, b) => writeCrop(crop.image, crop.transform, n, FACE_API_MEAN_RGB, input, b * 3 * n * n));
      const output = await this.run(this.embeddingSession, input, crops.length, n);
      return crops.map((_, b) => output.slice(b * 128, (b + 1) * 128));
    });
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.landmarkSession.release();
    await this.embeddingSession.release();
  }

  private async run(session: OrtModule.InferenceSession, input: Float32Array, batch: number, size: number): Promise<Float32Array> {
    const outputs = await session.run({ [session.inputNames[0]]: new this.ort.Tensor("float32", input, [batch, 3, size, size]) });
    const data = outputs[session.outputNames[0]].data;
    if (!(data instanceof Float32Array)) throw new Error("Expected a float32 output");
    return data;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The 150x150 crop the embedding network takes: face-api's alignment (the landmarks'
 * bounding box padded by 10% on each side, made square around its centre), measured
 * along the eye line so that a rolled head gives an upright crop, as dlib aligns.
 */
export function embeddingCrop(landmarks: readonly Point[]): CropTransform {
  const right = mean(landmarks.slice(36, 42));
  const left = mean(landmarks.slice(42, 48));
  const length = Math.hypot(left.x - right.x, left.y - right.y);
  const u = { x: (left.x - right.x) / length, y: (left.y - right.y) / length };
  const v = { x: -u.y, y: u.x };
  const along = landmarks.map((p) => p.x * u.x + p.y * u.y);
  const across = landmarks.map((p) => p.x * v.x + p.y * v.y);
  const [minU, maxU, minV, maxV] = [Math.min(...along), Math.max(...along), Math.min(...across), Math.max(...across)];
  const size = Math.max(maxU - minU, maxV - minV) * 1.2;
  const cu = (minU + maxU) / 2 - size / 2;
  const cv = (minV + maxV) / 2 - size / 2;
  const step = size / EMBEDDING_INPUT_SIZE;
  const start = { u: cu + step / 2, v: cv + step / 2 };
  // Pixel centres: frame pixel k covers [k, k + 1), so a point x is sampled at x - 0.5.
  return {
    origin: { x: start.u * u.x + start.v * v.x - 0.5, y: start.u * u.y + start.v * v.y - 0.5 },
    ax: { x: u.x * step, y: u.y * step },
    ay: { x: v.x * step, y: v.y * step },
  };
}

function mean(points: readonly Point[]): Point {
  return { x: points.reduce((s, p) => s + p.x, 0) / points.length, y: points.reduce((s, p) => s + p.y, 0) / points.length };
}

export function embeddingDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}
