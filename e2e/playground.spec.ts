import path from "node:path";
import { jpegDimensions } from "../bff/src/playground/jpeg-dimensions.ts";
import { writeStillFaceVideo } from "./assets/still-face.ts";
import { installTurningCamera } from "./assets/turning-camera.ts";
import { turningHeadPictures } from "./assets/turning-head.ts";
import { test as base, expect } from "./fixtures.ts";
import { CHALLENGE_INSTRUCTION, PlaygroundPage } from "./pages/playground-page.ts";

/**
 * The playground with Chromium's fake camera showing a still face photo: the browser finds
 * the face, and the service judges the attempt not live, since a photo cannot follow
 * head turns in depth. And with a synthetic camera showing a rendered head with relief
 * that turns as the page asks (assets/turning-camera.ts): both the browser and the
 * service pass it.
 */
const test = base.extend<{ playground: PlaygroundPage }, { stillFaceVideo: string }>({
  stillFaceVideo: [
    async ({}, use, workerInfo) => {
      await use(await writeStillFaceVideo(path.join(workerInfo.project.outputDir, "assets", "still-face.y4m")));
    },
    { scope: "worker" },
  ],
  launchOptions: [
    async ({ launchOptions, stillFaceVideo }, use) => {
      await use({
        ...launchOptions,
        args: [
          ...(launchOptions.args ?? []),
          "--use-fake-device-for-media-stream",
          `--use-file-for-fake-video-capture=${stillFaceVideo}`,
        ],
      });
    },
    { scope: "worker" },
  ],
  playground: async ({ page }, use) => use(new PlaygroundPage(page)),
});

test.use({ permissions: ["camera"] });

test.describe("liveness playground", () => {
  test("finds the face of a still photo, shows the challenges in words, and the service judges each try not live", async ({
    signInAs,
    playground,
  }) => {
    await signInAs("owner");
    await playground.openFromNavigation();
    await playground.goto({ challengeSeconds: 3 });

    await expect(playground.faceStatus("Face found")).toBeVisible({ timeout: 30_000 });
    await expect(playground.preview).toHaveAttribute("data-face-detected", "true");
    await playground.chooseClient("demo-client");
    await playground.startButton.click();

    await expect(playground.challengeSteps).toHaveCount(4);
    await expect(playground.tries).toContainText("3 of 3 tries left");
    await expect(playground.challengeInstruction).toBeVisible();

    await expect(playground.verdictHeading("Not live")).toBeVisible({ timeout: 20_000 });
    await expect(playground.errorString()).toHaveText(/^(LiveDetectionFailed|ChallengeResponseFailed)$/);
    await expect(playground.tries).toHaveText("2 of 3 tries left on this token");

    await playground.tryAgainButton.click();
    await expect(playground.challengeInstruction).toBeVisible();
    await expect(playground.page.getByText("Try 2 of 3 used.")).toBeVisible({ timeout: 20_000 });
    await expect(playground.tries).toHaveText("1 of 3 tries left on this token");
  });

  test("follows the challenges with a turning head, and the service judges the attempt live", async ({ signInAs, playground, page }, testInfo) => {
    test.setTimeout(180_000);
    const pictures = await turningHeadPictures(path.join(testInfo.project.outputDir, "assets", "turning-head.json"));
    const offset = { x: Math.round(Math.random() * 40 - 20), y: Math.round(Math.random() * 20 - 10) };
    await page.addInitScript(installTurningCamera, { ...pictures, offset, instruction: CHALLENGE_INSTRUCTION.source });
    await signInAs("owner");
    await playground.goto();

    await expect(playground.faceStatus("Face found")).toBeVisible({ timeout: 30_000 });
    await playground.chooseClient("demo-client");
    const posted = page.waitForRequest((request) => request.method() === "POST" && request.url().endsWith("/extension/livenessdetection"), { timeout: 120_000 });
    await playground.startButton.click();
    await expect(playground.challengeSteps).toHaveCount(4);

    await expect(playground.verdictHeading("Live")).toBeVisible({ timeout: 60_000 });
    await expect(playground.tries).toHaveText("2 of 3 tries left on this token");

    // The frames go at the camera's 640x480, the size the service measures relief best at.
    const { frames } = (await posted).postDataJSON() as { frames: { image: string }[] };
    const sizes = frames.map(({ image }) => jpegDimensions(Buffer.from(image.replace(/^data:image\/jpeg;base64,/, ""), "base64")));
    expect(sizes.length).toBeGreaterThanOrEqual(3 + 3 * 4);
    expect(new Set(sizes.map((size) => `${size?.width}x${size?.height}`))).toEqual(new Set(["640x480"]));
  });

  test.describe("without camera permission", () => {
    test.use({ permissions: [] });

    test("says the camera is blocked and what to do, and offers no start", async ({ signInAs, playground }) => {
      await signInAs("viewer");
      await playground.goto();

      await expect(playground.cameraProblem("Camera access is blocked")).toBeVisible();
      await expect(playground.startButton).toBeDisabled();
      await expect(playground.page.getByText("The playground needs a camera")).toBeVisible();
    });
  });
});
