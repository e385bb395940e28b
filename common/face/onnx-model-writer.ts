/**
 * Writes a small ONNX model (protobuf) from a list of nodes and float initializers, so
 * networks whose weights ship as TF.js files run on onnxruntime-web, which the project
 * already uses for BlazeFace. Only what those networks need: float32 tensors, int64 and
 * float attributes, opset 13, a fixed-size float input and one output.
 *
 * Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * AttributeProto, ValueInfoProto, TypeProto, TensorShapeProto).
 */

export type AttributeValue = number | readonly number[] | { float: number };

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Integers (and integer lists) become INT/INTS; `{ float }` becomes FLOAT. */
  attributes?: Record<string, AttributeValue>;
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

export interface OnnxGraph {
  nodes: readonly OnnxNode[];
  initializers: readonly OnnxInitializer[];
  input: { name: string; dims: readonly (number | string)[] };
  output: { name: string; dims: readonly (number | string)[] };
}

const IR_VERSION = 8;
const OPSET = 13;
const FLOAT = 1;
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

export function writeOnnxModel(graph: OnnxGraph): Uint8Array {
  const graphBytes = message([
    ...graph.nodes.map((node, index) => field(1, nodeProto(node, index))),
    field(2, text("graph")),
    ...graph.initializers.map((init) => field(5, tensorProto(init))),
    field(11, valueInfo(graph.input.name, graph.input.dims)),
    field(12, valueInfo(graph.output.name, graph.output.dims)),
  ]);
  return message([
    varintField(1, IR_VERSION),
    field(2, text("bws-portal")),
    field(7, graphBytes),
    field(8, message([field(1, text("")), varintField(2, OPSET)])),
  ]);
}

function nodeProto(node: OnnxNode, index: number): Uint8Array {
  return message([
    ...node.inputs.map((name) => field(1, text(name))),
    ...node.outputs.map((name) => field(2, text(name))),
    field(3, text(`${node.op}_${index}`)),
    field(4, text(node.op)),
    ...Object.entries(node.attributes ?? {}).map(([name, value]) => field(5, attributeProto(name, value))),
  ]);
}

function attributeProto(name: string, value: AttributeValue): Uint8Array {
  if (typeof value === "number") {
    return message([field(1, text(name)), varintField(3, value), varintField(20, ATTRIBUTE_INT)]);
  }
  if ("float" in value) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value.float, true);
    return message([field(1, text(name)), fixed32Field(2, bytes), varintField(20, ATTRIBUTE_FLOAT)]);
  }
  return message([field(1, text(name)), field(8, message(value.map(varint))), varintField(20, ATTRIBUTE_INTS)]);
}

function tensorProto(init: OnnxInitializer): Uint8Array {
  const expected = init.dims.reduce((a, b) => a * b, 1);
  if (expected !== init.data.length) throw new Error(`${init.name}: ${init.data.length} values for dims ${init.dims.join("x")}`);
  const raw = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength);
  return message([
    ...init.dims.map((d) => varintField(1, d)),
    varintField(2, FLOAT),
    field(8, text(init.name)),
    field(9, littleEndian(raw)),
  ]);
}

function valueInfo(name: string, dims: readonly (number | string)[]): Uint8Array {
  const shape = message(
    dims.map((d) => field(1, typeof d === "number" ? varintField(1, d) : field(2, text(d)))),
  );
  const tensorType = message([varintField(1, FLOAT), field(2, shape)]);
  return message([field(1, text(name)), field(2, field(1, tensorType))]);
}

/** Float32Array bytes are platform-endian; ONNX raw_data is little-endian. */
function littleEndian(raw: Uint8Array): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return raw;
  const copy = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 4) for (let b = 0; b < 4; b++) copy[i + b] = raw[i + 3 - b];
  return copy;
}

const encoder = new TextEncoder();

function text(value: string): Uint8Array {
  return encoder.encode(value);
}

function varint(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0) throw new Error(`Only non-negative integers are encoded, got ${value}`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

/** A length-delimited field (wire type 2). */
function field(number: number, payload: Uint8Array): Uint8Array {
  return message([varint((number << 3) | 2), varint(payload.length), payload]);
}

function varintField(number: number, value: number): Uint8Array {
  return message([varint(number << 3), varint(value)]);
}

function fixed32Field(number: number, bytes: Uint8Array): Uint8Array {
  return message([varint((number << 3) | 5), bytes]);
}

function message(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
