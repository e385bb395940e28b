import express from "express";

/** The baseline: a bare Express 5 hello-world in its own process (PORT from argv). */
const app = express();
app.get("/", (_req, res) => void res.type("text/plain").send("hello"));
const server = app.listen(Number(process.argv[2]), "127.0.0.1", () => process.send?.("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
