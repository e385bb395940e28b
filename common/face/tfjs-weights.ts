import { z } from "zod";

/**
 * Reads a TF.js weights manifest and its binary shard(s) into float32 arrays, as
 * `@vladmandic/face-api` ships its models. Weights stored as uint8 are dequantized with
 * the manifest's `value = q * scale + min`.
 */

const manifestSchema = z.array(
  z.object({
    paths: z.array(z.string()).min(1),
    weights: z.array(
      z.object({
        name: z.string(),
        shape: z.array(z.number().int().nonnegative()),
        dtype: z.literal("float32"),
        quantization: z.object({ dtype: z.literal("uint8"), scale: z.number(), min: z.number() }).optional(),
      }),
    ),
  }),
);

export interface TfjsWeight {
  shape: readonly number[];
  data: Float32Array;
}

export type TfjsWeights = ReadonlyMap<string, TfjsWeight>;

/** `shards` are the manifest's files in manifest order (one per `paths` entry). */
export function readTfjsWeights(manifestJson: unknown, shards: readonly Uint8Array[]): TfjsWeights {
  const manifest = manifestSchema.parse(manifestJson);
  const bytes = concat(shards);
  const weights = new Map<string, TfjsWeight>();
  let offset = 0;
  for (const group of manifest) {
    for (const entry of group.weights) {
      const count = entry.shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(count);
      if (entry.quantization) {
        const { scale, min } = entry.quantization;
        for (let i = 0; i < count; i++) data[i] = bytes[offset + i] * scale + min;
        offset += count;
      } else {
        const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
        for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
        offset += count * 4;
      }
      weights.set(entry.name, { shape: entry.shape, data });
    }
  }
  if (offset !== bytes.length) throw new Error(`The weights use ${offset} of ${bytes.length} bytes: manifest and shards do not match`);
  return weights;
}

export function weightOf(weights: TfjsWeights, name: string): TfjsWeight {
  const weight = weights.get(name);
  if (!weight) throw new Error(`The model has no weight '${name}'`);
  return weight;
}

/** TF.js conv filters [h, w, in, out] as ONNX's [out, in, h, w]. */
export function hwioToOihw(weight: TfjsWeight): { dims: number[]; data: Float32Array } {
  const [h, w, input, output] = weight.shape;
  const data = new Float32Array(weight.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let i = 0; i < input; i++) {
        for (let o = 0; o < output; o++) {
          data[((o * input + i) * h + y) * w + x] = weight.data[((y * w + x) * input + i) * output + o];
        }
      }
    }
  }
  return { dims: [output, input, h, w], data };
}

/** Depthwise filters [h, w, channels, 1] as ONNX's grouped [channels, 1, h, w]. */
export function depthwiseToOihw(weight: TfjsWeight): { dims: number[]; data: Float32Array } {
  const [h, w, channels] = weight.shape;
  const data = new Float32Array(weight.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) data[(c * h + y) * w + x] = weight.data[(y * w + x) * channels + c];
    }
  }
  return { dims: [channels, 1, h, w], data };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
