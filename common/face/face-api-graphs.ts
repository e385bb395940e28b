import { OnnxGraphBuilder, type TensorRef } from "./onnx-graph-builder.js";
import { writeOnnxModel } from "./onnx-model-writer.js";
import { depthwiseToOihw, hwioToOihw, weightOf, type TfjsWeights } from "./tfjs-weights.js";

/**
 * The 68-point landmark network and the face recognition network of `@vladmandic/face-api`
 * (MIT; the recognition net is a port of dlib's ResNet), rebuilt as ONNX models from the
 * package's TF.js weights, layer by layer as face-api's `FaceLandmark68Net` and
 * `FaceRecognitionNet` run them. Both take NCHW float input already normalized as face-api
 * normalizes it: `(rgb - mean) / 255`.
 */

export const FACE_API_MEAN_RGB = [122.782, 117.001, 104.298] as const;
export const LANDMARK_INPUT_SIZE = 112;
export const EMBEDDING_INPUT_SIZE = 150;

/** `tiny`: face-api's FaceLandmark68TinyNet (three 3-layer dense blocks) instead of FaceLandmark68Net. */
export function landmark68Model(weights: TfjsWeights, tiny = false): Uint8Array {
  const b = new OnnxGraphBuilder({ name: "input", channels: 3, size: LANDMARK_INPUT_SIZE });
  const w = (name: string) => weightOf(weights, name).data;

  const separable = (x: TensorRef, prefix: string, stride: number) => {
    const depthwise = b.conv(x, depthwiseToOihw(weightOf(weights, `${prefix}/depthwise_filter`)), undefined, {
      stride,
      padding: "same",
      group: x.channels,
    });
    return b.conv(depthwise, hwioToOihw(weightOf(weights, `${prefix}/pointwise_filter`)), w(`${prefix}/bias`), { stride: 1, padding: "same" });
  };
  const denseBlock = (x: TensorRef, prefix: string, first: boolean, layers: 3 | 4) => {
    const out1 = b.relu(
      first
        ? b.conv(x, hwioToOihw(weightOf(weights, `${prefix}/conv0/filters`)), w(`${prefix}/conv0/bias`), { stride: 2, padding: "same" })
        : separable(x, `${prefix}/conv0`, 2),
    );
    const out2 = separable(out1, `${prefix}/conv1`, 1);
    const out3 = separable(b.relu(b.add(out1, out2)), `${prefix}/conv2`, 1);
    const sum3 = b.add(out1, b.add(out2, out3));
    if (layers === 3) return b.relu(sum3);
    const out4 = separable(b.relu(sum3), `${prefix}/conv3`, 1);
    return b.relu(b.add(out1, b.add(out2, b.add(out3, out4))));
  };

  let out: TensorRef;
  if (tiny) {
    out = denseBlock(b.input, "dense0", true, 3);
    out = denseBlock(out, "dense1", false, 3);
    out = denseBlock(out, "dense2", false, 3);
    out = b.avgPool(out, 14, 2);
  } else {
    out = denseBlock(b.input, "dense0", true, 4);
    out = denseBlock(out, "dense1", false, 4);
    out = denseBlock(out, "dense2", false, 4);
    out = denseBlock(out, "dense3", false, 4);
    out = b.avgPool(out, 7, 2);
  }
  const fc = weightOf(weights, "fc/weights");
  const result = b.fullyConnected(out, { dims: fc.shape, data: fc.data }, w("fc/bias"));
  return writeOnnxModel(b.build(result, ["batch", 136]));
}

export function faceEmbeddingModel(weights: TfjsWeights): Uint8Array {
  const b = new OnnxGraphBuilder({ name: "input", channels: 3, size: EMBEDDING_INPUT_SIZE });
  const w = (name: string) => weightOf(weights, name).data;

  const convLayer = (x: TensorRef, prefix: string, stride: number, relu: boolean, padding: "same" | "valid") => {
    let out = b.conv(x, hwioToOihw(weightOf(weights, `${prefix}/conv/filters`)), w(`${prefix}/conv/bias`), { stride, padding });
    out = b.add(b.scale(out, w(`${prefix}/scale/weights`)), w(`${prefix}/scale/biases`));
    return relu ? b.relu(out) : out;
  };
  const residual = (x: TensorRef, prefix: string) => {
    const out = convLayer(convLayer(x, `${prefix}/conv1`, 1, true, "same"), `${prefix}/conv2`, 1, false, "same");
    return b.relu(b.add(out, x));
  };
  const residualDown = (x: TensorRef, prefix: string) => {
    let out = convLayer(convLayer(x, `${prefix}/conv1`, 2, true, "valid"), `${prefix}/conv2`, 1, false, "same");
    let pooled = b.avgPool(x, 2, 2);
    if (pooled.size !== out.size) out = b.padZeros(out, { after: pooled.size - out.size });
    if (pooled.channels !== out.channels) pooled = b.padZeros(pooled, { channels: out.channels - pooled.channels });
    return b.relu(b.add(pooled, out));
  };

  let out = convLayer(b.input, "conv32_down", 2, true, "valid");
  out = b.maxPool(out, 3, 2);
  for (const name of ["conv32_1", "conv32_2", "conv32_3"]) out = residual(out, name);
  out = residualDown(out, "conv64_down");
  for (const name of ["conv64_1", "conv64_2", "conv64_3"]) out = residual(out, name);
  out = residualDown(out, "conv128_down");
  for (const name of ["conv128_1", "conv128_2"]) out = residual(out, name);
  out = residualDown(out, "conv256_down");
  for (const name of ["conv256_1", "conv256_2"]) out = residual(out, name);
  out = residualDown(out, "conv256_down_out");
  out = b.globalAveragePool(out);
  const fc = weightOf(weights, "fc");
  const result = b.fullyConnected(out, { dims: fc.shape, data: fc.data });
  return writeOnnxModel(b.build(result, ["batch", 128]));
}
