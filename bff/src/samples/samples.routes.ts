import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { sampleIdParam, samplesQuery } from "./samples.schema.ts";
import type { SamplesService } from "./samples.service.ts";

export function createSamplesRouter(deps: { samples: SamplesService }): Router {
  const router = Router();
  router.get("/clients/:name/samples", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    res.json(await deps.samples.list(principalOf(req), name, samplesQuery.parse(req.query)));
  });
  router.get("/clients/:name/samples/:id/image", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { id } = sampleIdParam.parse(req.params);
    const image = await deps.samples.image(principalOf(req), name, id);
    // Only image types are served as such: stored data never becomes active content.
    const contentType = /^image\/(jpeg|png|webp)$/.test(image.contentType) ? image.contentType : "application/octet-stream";
    res.set({ "Content-Type": contentType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" }).send(Buffer.from(image.data));
  });
  return router;
}
