import type { AttributeValue, OnnxGraph, OnnxInitializer, OnnxNode } from "./onnx-model-writer.js";

/**
 * Builds an NCHW ONNX graph from TF.js layer calls, keeping track of each tensor's
 * channels and spatial size so TF's "same" padding (the extra row and column go at the
 * bottom and right) becomes ONNX's explicit pads.
 */

export interface TensorRef {
  name: string;
  channels: number;
  /** Square feature maps only: every network here has square inputs. */
  size: number;
}

export type Padding = "same" | "valid";

export class OnnxGraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxInitializer[] = [];
  private counter = 0;

  constructor(
    readonly input: TensorRef,
    private readonly batch: number | string = "batch",
  ) {}

  constant(dims: readonly number[], data: Float32Array): string {
    const name = this.fresh("w");
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** Conv with bias; `group` = channels makes it depthwise. */
  conv(
    x: TensorRef,
    filter: { dims: readonly number[]; data: Float32Array },
    bias: Float32Array | undefined,
    options: { stride: number; padding: Padding; group?: number },
  ): TensorRef {
    const [outChannels, , kernel] = filter.dims;
    const { stride, padding } = options;
    const { pads, size } = padsFor(x.size, kernel, stride, padding);
    const inputs = [x.name, this.constant(filter.dims, filter.data)];
    if (bias) inputs.push(this.constant([outChannels], bias));
    return this.node("Conv", inputs, { channels: outChannels, size }, {
      kernel_shape: [kernel, kernel],
      strides: [stride, stride],
      pads,
      group: options.group ?? 1,
    });
  }

  /** Adds a per-channel vector (a bias) or another tensor of the same shape. */
  add(x: TensorRef, y: TensorRef | Float32Array): TensorRef {
    const other = y instanceof Float32Array ? this.constant([1, y.length, 1, 1], y) : y.name;
    return this.node("Add", [x.name, other], x);
  }

  /** Multiplies by a per-channel vector. */
  scale(x: TensorRef, weights: Float32Array): TensorRef {
    return this.node("Mul", [x.name, this.constant([1, weights.length, 1, 1], weights)], x);
  }

  relu(x: TensorRef): TensorRef {
    return this.node("Relu", [x.name], x);
  }

  maxPool(x: TensorRef, kernel: number, stride: number): TensorRef {
    const { pads, size } = padsFor(x.size, kernel, stride, "valid");
    return this.node("MaxPool", [x.name], { channels: x.channels, size }, { kernel_shape: [kernel, kernel], strides: [stride, stride], pads });
  }

  avgPool(x: TensorRef, kernel: number, stride: number): TensorRef {
    const { pads, size } = padsFor(x.size, kernel, stride, "valid");
    return this.node("AveragePool", [x.name], { channels: x.channels, size }, { kernel_shape: [kernel, kernel], strides: [stride, stride], pads });
  }

  globalAveragePool(x: TensorRef): TensorRef {
    return this.node("GlobalAveragePool", [x.name], { channels: x.channels, size: 1 });
  }

  /** Zero padding: `channels` more channels after the existing ones, `after` more rows and columns at the bottom right. */
  padZeros(x: TensorRef, extra: { channels?: number; after?: number }): TensorRef {
    const channels = extra.channels ?? 0;
    const after = extra.after ?? 0;
    // Pad takes its pads as an int64 tensor, which a Constant node makes.
    const padsName = this.fresh("pads");
    this.nodes.push({
      op: "Constant",
      inputs: [],
      outputs: [padsName],
      attributes: { value_ints: [0, 0, 0, 0, 0, channels, after, after] },
    });
    return this.node("Pad", [x.name, padsName], { channels: x.channels + channels, size: x.size + after });
  }

  /** [N, C, 1, 1] → [N, C] and a matrix product with `weights` [C, out] plus `bias`. */
  fullyConnected(x: TensorRef, weights: { dims: readonly number[]; data: Float32Array }, bias?: Float32Array): TensorRef {
    const flat = this.node("Flatten", [x.name], { channels: x.channels * x.size * x.size, size: 1 }, { axis: 1 });
    const product = this.node("MatMul", [flat.name, this.constant(weights.dims, weights.data)], { channels: weights.dims[1], size: 1 });
    return bias ? this.node("Add", [product.name, this.constant([bias.length], bias)], product) : product;
  }

  build(output: TensorRef, outputDims: readonly (number | string)[]): OnnxGraph {
    return {
      nodes: this.nodes,
      initializers: this.initializers,
      input: { name: this.input.name, dims: [this.batch, this.input.channels, this.input.size, this.input.size] },
      output: { name: output.name, dims: outputDims },
    };
  }

  private node(op: string, inputs: string[], shape: Omit<TensorRef, "name">, attributes?: Record<string, AttributeValue>): TensorRef {
    const name = this.fresh(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [name], attributes });
    return { channels: shape.channels, size: shape.size, name };
  }

  private fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }
}

/** ONNX pads [top, left, bottom, right] reproducing TF's padding, and the output size. */
function padsFor(size: number, kernel: number, stride: number, padding: Padding): { pads: number[]; size: number } {
  if (padding === "valid") return { pads: [0, 0, 0, 0], size: Math.floor((size - kernel) / stride) + 1 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return { pads: [before, before, total - before, total - before], size: out };
}
