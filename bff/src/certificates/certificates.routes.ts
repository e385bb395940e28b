import { Router } from "express";
import { principalOf } from "../auth/authenticate.ts";
import { clientNameParam } from "../clients/clients.schema.ts";
import { installationIdParam } from "../installations/installations.schema.ts";
import { certificateIdParam, downloadBody, uploadCertificateBody } from "./certificates.schema.ts";
import type { CertificatesService } from "./certificates.service.ts";

export function createCertificatesRouter(deps: { certificates: CertificatesService }): Router {
  const router = Router();
  const { certificates } = deps;

  router.get("/installations/:id/certificates", async (req, res) => {
    res.json(await certificates.listForInstallation(principalOf(req), installationIdParam.parse(req.params).id));
  });

  router.post("/installations/:id/certificates", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    res.status(201).json(await certificates.upload(principalOf(req), id, uploadCertificateBody.parse(req.body)));
  });

  router.delete("/installations/:id/certificates/:certificateId", async (req, res) => {
    const { id } = installationIdParam.parse(req.params);
    await certificates.remove(principalOf(req), id, certificateIdParam.parse(req.params).certificateId);
    res.status(204).end();
  });

  router.get("/clients/:name/certificates", async (req, res) => {
    res.json(await certificates.listForClient(principalOf(req), clientNameParam.parse(req.params).name));
  });

  router.get("/clients/:name/attachable-certificates", async (req, res) => {
    res.json(await certificates.attachableForClient(principalOf(req), clientNameParam.parse(req.params).name));
  });

  router.put("/clients/:name/certificates/:certificateId", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    await certificates.attach(principalOf(req), name, certificateIdParam.parse(req.params).certificateId, true);
    res.status(204).end();
  });

  router.delete("/clients/:name/certificates/:certificateId", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    await certificates.attach(principalOf(req), name, certificateIdParam.parse(req.params).certificateId, false);
    res.status(204).end();
  });

  router.post("/clients/:name/certificates/:certificateId/pkcs12", async (req, res) => {
    const { name } = clientNameParam.parse(req.params);
    const { certificateId } = certificateIdParam.parse(req.params);
    const { password } = downloadBody.parse(req.body);
    const file = await certificates.downloadPkcs12(principalOf(req), name, certificateId, password);
    res
      .type("application/x-pkcs12")
      .set("Content-Disposition", `attachment; filename="${file.fileName}"`)
      .send(file.pkcs12);
  });

  return router;
}
